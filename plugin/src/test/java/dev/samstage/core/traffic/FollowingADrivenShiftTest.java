package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.DeployResult;
import dev.samstage.core.deploy.StackFailedException;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.time.Sleeper;
import dev.samstage.core.traffic.ShiftStack.Reading;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer's traffic-shift follower ({@link TrafficShiftFollower} through {@link StageDeployer})
 * follows the CodeDeploy deployment CloudFormation starts on the local AWS, as it would on AWS: no
 * scripted states, the shift really runs (one AWS minute = 0.5 s).
 */
class FollowingADrivenShiftTest {

    private static final String ACCOUNT = "123456789012";

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private ShiftStack stack;
    /** Where the packaged templates and the deploy's outputs go. */
    @TempDir
    Path dir;

    @BeforeEach
    void serviceOnVersionOne() throws IOException {
        stack = new ShiftStack();
        // slow enough that polling every 50 ms sees every step even on a busy machine
        LocalAws.get().minuteSeconds(0.5);
        DeployResult created = deploy("v1", "Linear10PercentEvery1Minute", events::add);
        assertThat(created.primary().outcome()).isEqualTo(DeployResult.Outcome.CREATED);
        events.clear();
    }

    @AfterEach
    void close() {
        LocalAws.get().minuteSeconds(LocalAws.DEFAULT_MINUTE_SECONDS);
        stack.close();
    }

    private DeployResult deploy(String code, String deployType, StageListener listener) throws IOException {
        Path template = Files.writeString(Files.createTempFile(dir, "packaged-", ".yaml"), ShiftStack.template(code, false));
        Environment prod = Environment.builder("prod").accountId(ACCOUNT).regions(List.of("us-east-1"))
                .stackName(ShiftStack.STACK).parameterOverrides(Map.of("DeployType", deployType))
                .alarms(List.of(ShiftStack.ALARM)).build();
        return new StageDeployer(stack.clients, listener)
                .following(new TrafficShiftFollower(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofMillis(50)))
                .deploy(new DeployRequest(prod, "checkout", template, Optional.empty(), dir.resolve("out"), Optional.empty(),
                        false, Map.of()));
    }

    private List<Double> percentsReported() {
        return events.stream().filter(e -> e instanceof TrafficShiftProgress).map(e -> ((TrafficShiftProgress) e).trafficPercent())
                .filter(p -> p > 0).distinct().toList();
    }

    private List<String> lines(StageEvent.Severity severity) {
        return events.stream().filter(e -> !e.progress() && e.severity() == severity).map(StageEvent::message).toList();
    }

    @Test
    void reportsALinearShiftFromTenPercentToAllTheTrafficAndTheUpdateEndsOnTheNewVersion() throws IOException {
        DeployResult updated = deploy("v2", "Linear10PercentEvery1Minute", events::add);

        assertThat(updated.primary().outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
        // 100% is the moment the deployment succeeds (no AfterAllowTraffic hook to wait for): the success line reports it
        assertThat(percentsReported()).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0);
        assertThat(lines(StageEvent.Severity.INFO)).contains(
                "Traffic shift of checkout:live to version 2: 10% of traffic on the new version (step 1 of 10, linear 10% every 1 min);"
                        + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic Pending",
                "Traffic shift of checkout:live to version 2: 90% of traffic on the new version (step 9 of 10, linear 10% every 1 min);"
                        + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic Pending",
                "Stack checkout-prod in us-east-1 is UPDATE_COMPLETE.");
        assertThat(lines(StageEvent.Severity.INFO)).anySatisfy(line -> assertThat(line)
                .matches("Traffic shift of checkout:live to version 2 succeeded \\(CodeDeploy deployment d-[A-Z0-9]{9}\\):"
                        + " all traffic is on the new version\\."));
        assertThat(lines(StageEvent.Severity.WARN)).noneMatch(line -> line.contains("traffic shifting"));
        assertThat(stack.read()).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
    }

    @Test
    void anAlarmAtThirtyPercentFailsTheDeployNamingTheAlarmAndCodeDeploysErrorCode() {
        AtomicBoolean tripped = new AtomicBoolean();
        StageListener tripAtThirtyPercent = e -> {
            events.add(e);
            if (e instanceof TrafficShiftProgress p && p.trafficPercent() >= 30 && tripped.compareAndSet(false, true)) {
                stack.cloudWatch.setAlarmState(b -> b.alarmName(ShiftStack.ALARM).stateValue("ALARM")
                        .stateReason("Threshold Crossed: 4 errors"));
            }
        };

        StackFailedException failure = catchThrowableOfType(StackFailedException.class,
                () -> deploy("v2", "Linear10PercentEvery1Minute", tripAtThirtyPercent));

        String id = stack.deployments().stream().filter(d -> "user".equals(d.creatorAsString())).findFirst().orElseThrow()
                .deploymentId();
        assertThat(failure).hasMessage("Stack checkout-prod in us-east-1 ended in UPDATE_ROLLBACK_COMPLETE: Traffic shifting in"
                + " stack checkout-prod failed and was rolled back: checkout:live (deployment " + id + ") stopped with ALARM_ACTIVE,"
                + " alarms in ALARM: checkout-errors; the previous version is still in place. Fix the cause and deploy again.");
        assertThat(percentsReported()).contains(30.0).allSatisfy(p -> assertThat(p).isLessThan(50.0));
        assertThat(lines(StageEvent.Severity.ERROR)).contains(
                "Traffic shift of checkout:live to version 2 was stopped (CodeDeploy deployment " + id + ") with ALARM_ACTIVE:"
                        + " One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the"
                        + " affected deployments have been stopped. Activated alarms: <checkout-errors>")
                .anySatisfy(line -> assertThat(line).startsWith("Alarm checkout-errors in ALARM since")
                        .endsWith("(Threshold Crossed: 4 errors)"))
                .anySatisfy(line -> assertThat(line).startsWith("CodeDeploy rollback: Deployment " + id
                        + " terminated. Automatic rollback is triggered with a DeploymentId d-"));
        assertThat(stack.read()).isEqualTo(new Reading("UPDATE_ROLLBACK_COMPLETE", "1", Map.of()));
    }
}
