package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstage.core.deploy.ExecutionFollower;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.testing.aws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher on deployments that CloudFormation really starts and CodeDeploy really runs on the
 * local AWS (a stopped shift, a failed hook, an alarm, a custom configuration); the test plays the
 * operator, the hook functions and the alarm.
 */
class WatchingADrivenShiftTest {

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private ShiftStack stack;

    @BeforeEach
    void freshAccount() {
        stack = new ShiftStack();
        LocalAws.get().minuteSeconds(0.3);
    }

    @AfterEach
    void close() {
        LocalAws.get().minuteSeconds(LocalAws.DEFAULT_MINUTE_SECONDS);
        stack.close();
    }

    private TrafficShiftWatcher watcher(StageListener listener) {
        return new TrafficShiftWatcher(stack.codeDeploy, stack.cloudWatch, stack.cloudFormation, listener, Clock.systemUTC(),
                d -> Thread.sleep(30));
    }

    /** Deploys version 1 (no deployment), then starts the update to version 2 and watches it. */
    private TrafficShiftOutcome updateAndWatch(boolean hooks, String deployType, StageListener listener) {
        stack.deploy(ShiftStack.template("v1", hooks), deployType);
        stack.sampleUntilSettled(r -> { });
        Instant started = Instant.now();
        stack.deploy(ShiftStack.template("v2", hooks), deployType);
        return watcher(listener).watch(ShiftStack.STACK, started);
    }

    private List<String> errorLines() {
        return events.stream().filter(e -> e.severity() == StageEvent.Severity.ERROR).map(StageEvent::message).toList();
    }

    private String updateDeploymentId() {
        return stack.deployments().stream().filter(d -> "user".equals(d.creatorAsString())).findFirst().orElseThrow().deploymentId();
    }

    @Test
    void reportsTheAlarmThatStoppedTheShiftSinceWhenAndTheRollback() {
        AtomicBoolean tripped = new AtomicBoolean();
        TrafficShiftOutcome outcome = updateAndWatch(false, "Canary10Percent5Minutes", e -> {
            events.add(e);
            if (e instanceof TrafficShiftProgress p && p.phase() == ShiftPhase.SHIFTING && p.trafficPercent() >= 10
                    && tripped.compareAndSet(false, true)) {
                stack.cloudWatch.setAlarmState(b -> b.alarmName(ShiftStack.ALARM).stateValue("ALARM").stateReason("Threshold Crossed: 3 errors"));
            }
        });

        String id = updateDeploymentId();
        Instant since = stack.cloudWatch.describeAlarms(b -> b.alarmNames(ShiftStack.ALARM)).metricAlarms().get(0).stateUpdatedTimestamp();
        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        ShiftReport report = outcome.reports().get(0);
        assertThat(report.phase()).isEqualTo(ShiftPhase.STOPPED);
        assertThat(report.errorCode()).isEqualTo("ALARM_ACTIVE");
        assertThat(report.alarmsInAlarm()).extracting(AlarmState::name).containsExactly(ShiftStack.ALARM);
        assertThat(report.alarmsInAlarm().get(0).since()).isEqualTo(since);
        assertThat(outcome.summary()).isEqualTo("Traffic shifting in stack checkout-prod failed and was rolled back: checkout:live"
                + " (deployment " + id + ") stopped with ALARM_ACTIVE, alarms in ALARM: checkout-errors.");
        assertThat(errorLines()).contains(
                "Traffic shift of checkout:live to version 2 was stopped (CodeDeploy deployment " + id + ") with ALARM_ACTIVE:"
                        + " One or more alarms have been activated according to the Amazon CloudWatch metrics you selected,"
                        + " and the affected deployments have been stopped. Activated alarms: <checkout-errors>",
                "Alarm checkout-errors in ALARM since " + since + " (Threshold Crossed: 3 errors)")
                .anySatisfy(line -> assertThat(line).startsWith("CodeDeploy rollback: Deployment " + id + " terminated."))
                // the stack never completes an update whose shift was stopped
                .anySatisfy(line -> assertThat(line).startsWith("CloudFormation ").contains("stack checkout-prod")
                        .doesNotContain("UPDATE_COMPLETE)").doesNotContain("CREATE_COMPLETE"));
        assertThat(events).filteredOn(e -> !e.progress()).extracting(StageEvent::message)
                .anySatisfy(line -> assertThat(line).contains("10% of traffic on the new version (step 1 of 2, canary 10% then the rest after 5 min)"));
        assertThat(stack.sampleUntilSettled(r -> { })).last().isEqualTo(new ShiftStack.Reading("UPDATE_ROLLBACK_COMPLETE", "1", java.util.Map.of()));
    }

    @Test
    void reportsAFailedPostTrafficHookWithCodeDeploysErrorCode() {
        Set<String> answered = new HashSet<>();
        TrafficShiftOutcome outcome = updateAndWatch(true, "AllAtOnce", e -> {
            events.add(e);
            // the hook functions' part: the pre-traffic checks pass, the post-traffic ones fail
            for (JsonNode invocation : CompatCodeDeploy.invocations()) {
                String execution = invocation.path("payload").path("LifecycleEventHookExecutionId").asText();
                if (answered.add(execution)) {
                    String status = invocation.path("functionName").asText().equals(ShiftStack.PRE_HOOK) ? "Succeeded" : "Failed";
                    stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(invocation.path("payload")
                            .path("DeploymentId").asText()).lifecycleEventHookExecutionId(execution).status(status));
                }
            }
        });

        String id = updateDeploymentId();
        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        assertThat(outcome.reports().get(0).phase()).isEqualTo(ShiftPhase.FAILED);
        assertThat(outcome.reports().get(0).errorCode()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(outcome.reports().get(0).alarmsInAlarm()).isEmpty();
        assertThat(errorLines()).anySatisfy(line -> assertThat(line).startsWith("Traffic shift of checkout:live to version 2 failed"
                + " (CodeDeploy deployment " + id + ") with HOOK_EXECUTION_FAILURE: The AfterAllowTraffic hook " + ShiftStack.POST_HOOK
                + " reported Failed"));
        assertThat(stack.sampleUntilSettled(r -> { })).last().isEqualTo(new ShiftStack.Reading("UPDATE_ROLLBACK_COMPLETE", "1", java.util.Map.of()));
    }

    @Test
    void aDeploymentStoppedByTheOperatorFailsTheWatch() {
        AtomicBoolean stopped = new AtomicBoolean();
        TrafficShiftOutcome outcome = updateAndWatch(false, "Linear10PercentEvery2Minutes", e -> {
            events.add(e);
            if (e instanceof TrafficShiftProgress p && p.trafficPercent() >= 10 && stopped.compareAndSet(false, true)) {
                stack.codeDeploy.stopDeployment(b -> b.deploymentId(p.deploymentId()).autoRollbackEnabled(true));
            }
        });

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        assertThat(outcome.reports().get(0).phase()).isEqualTo(ShiftPhase.STOPPED);
        assertThat(outcome.reports().get(0).errorCode()).isEqualTo("MANUAL_STOP");
    }

    @Test
    void readsTheRoutingOfACustomDeploymentConfiguration() {
        stack.codeDeploy.createDeploymentConfig(b -> b.deploymentConfigName("Canary25Percent3Minutes-custom").computePlatform("Lambda")
                .trafficRoutingConfig(t -> t.type("TimeBasedCanary").timeBasedCanary(c -> c.canaryPercentage(25).canaryInterval(3))));

        TrafficShiftOutcome outcome = updateAndWatch(false, "Canary25Percent3Minutes-custom", events::add);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.SUCCEEDED);
        assertThat(events).filteredOn(e -> !e.progress()).extracting(StageEvent::message)
                .anySatisfy(line -> assertThat(line).contains("25% of traffic on the new version (step 1 of 2, canary 25% then the rest after 3 min)"));
    }

    @Test
    void theDeploymentFollowerTurnsAFailedShiftIntoTheRootCauseOfTheDeploy() {
        stack.deploy(ShiftStack.template("v1", true), "AllAtOnce");
        stack.sampleUntilSettled(r -> { });
        LocalAws.get().minuteSeconds(0.01);
        Instant started = Instant.now();
        stack.deploy(ShiftStack.template("v2", true), "AllAtOnce");

        // nobody answers the pre-traffic hook: it times out after the (scaled) hour
        ExecutionFollower.Following following = new TrafficShiftFollower(Clock.systemUTC(), d -> Thread.sleep(30), Duration.ZERO)
                .follow(stack.clients, ShiftStack.STACK, started, events::add);
        stack.sampleUntilSettled(r -> { });

        assertThat(following.failure()).contains("Traffic shifting in stack checkout-prod failed and was rolled back: checkout:live"
                + " (deployment " + updateDeploymentId() + ") failed with HOOK_EXECUTION_FAILURE.");
    }
}
