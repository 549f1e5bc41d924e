package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstage.core.traffic.ShiftStack.Reading;
import dev.samstage.testing.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionStatusException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.LambdaTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;

/**
 * The local AWS runs a SAM service's traffic shift as AWS does: a stack update that publishes a new
 * version makes CloudFormation start a CodeDeploy deployment with the group's configuration, the
 * alias's weights follow it on a scaled clock, hooks are invoked and awaited, and an alarm or a
 * failed hook stops the deployment and rolls the stack back. Real SDK clients throughout.
 */
class CloudFormationDrivenShiftTest {

    private ShiftStack stack;

    @BeforeEach
    void freshAccount() {
        stack = new ShiftStack();
    }

    @AfterEach
    void close() {
        LocalAws.get().minuteSeconds(LocalAws.DEFAULT_MINUTE_SECONDS);
        stack.close();
    }

    private void createOnVersionOne(boolean hooks, String deployType) {
        stack.deploy(ShiftStack.template("v1", hooks), deployType);
        List<Reading> created = stack.sampleUntilSettled(r -> { });
        assertThat(created.get(created.size() - 1)).isEqualTo(new Reading("CREATE_COMPLETE", "1", Map.of()));
    }

    private static Reading last(List<Reading> readings) {
        return readings.get(readings.size() - 1);
    }

    private static List<Double> weightsOfVersionTwo(List<Reading> readings) {
        return readings.stream().map(r -> r.weightOf("2")).filter(w -> w > 0).distinct().toList();
    }

    private DeploymentInfo theUpdatesDeployment() {
        return stack.deployments().stream().filter(d -> "user".equals(d.creatorAsString())).findFirst().orElseThrow();
    }

    private LambdaTarget targetOf(String deploymentId) {
        List<String> ids = stack.codeDeploy.listDeploymentTargets(b -> b.deploymentId(deploymentId)).targetIds();
        assertThat(ids).containsExactly("checkout:live");
        return stack.codeDeploy.batchGetDeploymentTargets(b -> b.deploymentId(deploymentId).targetIds(ids))
                .deploymentTargets().get(0).lambdaTarget();
    }

    private static Map<String, String> lifecycle(LambdaTarget target) {
        Map<String, String> events = new LinkedHashMap<>();
        for (LifecycleEvent e : target.lifecycleEvents()) {
            events.put(e.lifecycleEventName(), e.statusAsString());
        }
        return events;
    }

    private List<String> stackStatuses() {
        List<StackEvent> events = new ArrayList<>(stack.cloudFormation.describeStackEvents(b -> b.stackName(ShiftStack.STACK)).stackEvents());
        java.util.Collections.reverse(events);
        return events.stream().filter(e -> e.logicalResourceId().equals(ShiftStack.STACK))
                .map(StackEvent::resourceStatusAsString).toList();
    }

    private StackEvent aliasEvent(String status) {
        return stack.cloudFormation.describeStackEvents(b -> b.stackName(ShiftStack.STACK)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("CheckoutFunctionAliaslive") && e.resourceStatusAsString().equals(status))
                .findFirst().orElseThrow(() -> new AssertionError("no " + status + " event of the alias"));
    }

    /**
     * Plays the hook functions: answers every hook invocation not answered yet with {@code status},
     * remembering the stack and alias while CodeDeploy waits for the answer.
     */
    private void answerHooks(String status, Set<String> answered, Map<String, Reading> whenInvoked) {
        for (JsonNode invocation : CompatCodeDeploy.invocations()) {
            String execution = invocation.path("payload").path("LifecycleEventHookExecutionId").asText();
            if (answered.add(execution)) {
                whenInvoked.put(invocation.path("functionName").asText(), stack.read());
                stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b
                        .deploymentId(invocation.path("payload").path("DeploymentId").asText())
                        .lifecycleEventHookExecutionId(execution).status(status));
            }
        }
    }

    @Test
    void aFirstCreatePointsTheAliasAtItsVersionWithoutADeployment() {
        createOnVersionOne(false, "Linear10PercentEvery1Minute");

        assertThat(stack.deployments()).isEmpty();
    }

    @Test
    void theSamTransformReceivesTheChangeSetsParameterValues() {
        createOnVersionOne(false, "Linear10PercentEvery2Minutes");

        String[] group = stack.deploymentGroup();
        assertThat(stack.codeDeploy.getDeploymentGroup(b -> b.applicationName(group[0]).deploymentGroupName(group[1]))
                .deploymentGroupInfo().deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaLinear10PercentEvery2Minutes");
    }

    @Test
    void allAtOnceMovesAllTrafficInOneStepWhileTheStackWaitsForTheDeployment() {
        createOnVersionOne(false, "AllAtOnce");

        stack.deploy(ShiftStack.template("v2", false), "AllAtOnce");
        List<Reading> readings = stack.sampleUntilSettled(r -> { });

        assertThat(readings).allSatisfy(r -> assertThat(r.weights()).isEmpty());
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployment.deploymentId()).matches("d-[A-Z0-9]{9}");
        assertThat(deployment.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
        LambdaTarget target = targetOf(deployment.deploymentId());
        assertThat(target.lambdaFunctionInfo().currentVersion()).isEqualTo("1");
        assertThat(target.lambdaFunctionInfo().targetVersion()).isEqualTo("2");
        assertThat(target.lambdaFunctionInfo().targetVersionWeight()).isEqualTo(1.0);
        assertThat(lifecycle(target)).containsExactly(Map.entry("BeforeAllowTraffic", "Succeeded"),
                Map.entry("AllowTraffic", "Succeeded"), Map.entry("AfterAllowTraffic", "Succeeded"));
        // the alias completes only once the deployment has (event times are kept to the millisecond)
        assertThat(aliasEvent("UPDATE_COMPLETE").timestamp()).isAfterOrEqualTo(deployment.completeTime().minusMillis(1));
    }

    @Test
    void linearTenPercentEveryMinuteRaisesTheWeightInTenPercentStepsOnTheScaledClock() {
        // slow enough that sampling every few milliseconds sees every step even on a busy machine
        TimedShift shift = timedUpdateToVersionTwo(0.5, false, "Linear10PercentEvery1Minute");
        List<Reading> readings = shift.readings();

        assertThat(weightsOfVersionTwo(readings)).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(readings).filteredOn(r -> !r.weights().isEmpty())
                .allSatisfy(r -> assertThat(r.stackStatus()).isEqualTo("UPDATE_IN_PROGRESS"))
                .allSatisfy(r -> assertThat(r.version()).isEqualTo("1"));
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
        // nine intervals of one AWS minute each: 4.5 s at 0.5 s per minute
        assertThat(shift.took()).isGreaterThan(Duration.ofMillis(4400));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployment.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaLinear10PercentEvery1Minute");
    }

    @Test
    void anAlarmInAlarmAtThirtyPercentStopsTheShiftAndRollsTheStackBack() {
        LocalAws.get().minuteSeconds(0.5);
        createOnVersionOne(false, "AllAtOnce");
        AtomicBoolean tripped = new AtomicBoolean();

        String changeSet = stack.deploy(ShiftStack.template("v2", false), "Linear10PercentEvery1Minute");
        List<Reading> readings = stack.sampleUntilSettled(r -> {
            if (r.weightOf("2") >= 0.3 && tripped.compareAndSet(false, true)) {
                stack.cloudWatch.setAlarmState(b -> b.alarmName(ShiftStack.ALARM).stateValue("ALARM").stateReason("Threshold Crossed"));
            }
        });

        assertThat(tripped).isTrue();
        assertThat(weightsOfVersionTwo(readings)).contains(0.3).allSatisfy(w -> assertThat(w).isLessThan(0.5));
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_ROLLBACK_COMPLETE", "1", Map.of()));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(deployment.errorInformation().codeAsString()).isEqualTo("ALARM_ACTIVE");
        assertThat(deployment.errorInformation().message()).isEqualTo("One or more alarms have been activated according to the"
                + " Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <checkout-errors>");
        DeploymentInfo rollback = stack.deployments().stream().filter(d -> "codeDeployRollback".equals(d.creatorAsString()))
                .findFirst().orElseThrow();
        assertThat(deployment.rollbackInfo().rollbackDeploymentId()).isEqualTo(rollback.deploymentId());
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(deployment.deploymentId());
        assertThat(lifecycle(targetOf(deployment.deploymentId()))).containsEntry("AllowTraffic", "Failed")
                .containsEntry("AfterAllowTraffic", "Skipped");
        assertThat(aliasEvent("UPDATE_FAILED").resourceStatusReason()).startsWith("Resource handler returned message: \""
                + deployment.deploymentId() + " failed. One or more alarms have been activated").contains("<checkout-errors>");
        assertThat(stackStatuses()).containsSubsequence("UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS",
                "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE").doesNotContain("UPDATE_COMPLETE");
        assertThat(stack.cloudFormation.describeChangeSet(b -> b.stackName(ShiftStack.STACK).changeSetName(changeSet))
                .executionStatusAsString()).isEqualTo("EXECUTE_FAILED");
        // the previous template and parameters stay in force
        assertThat(stack.cloudFormation.getTemplate(b -> b.stackName(ShiftStack.STACK)).templateBody()).contains("v1.zip")
                .doesNotContain("v2.zip");
        assertThat(stack.cloudFormation.describeStacks(b -> b.stackName(ShiftStack.STACK)).stacks().get(0).parameters())
                .singleElement().satisfies(p -> assertThat(p.parameterValue()).isEqualTo("AllAtOnce"));
    }

    @Test
    void hooksAnsweredSucceededRunBeforeAnyTrafficMovesAndAfterAllOfItHas() {
        LocalAws.get().minuteSeconds(0.2);
        createOnVersionOne(true, "Canary10Percent5Minutes");
        Set<String> answered = new HashSet<>();
        Map<String, Reading> whenInvoked = new LinkedHashMap<>();

        stack.deploy(ShiftStack.template("v2", true), "Canary10Percent5Minutes");
        List<Reading> readings = stack.sampleUntilSettled(r -> answerHooks("Succeeded", answered, whenInvoked));

        assertThat(whenInvoked.keySet()).containsExactly(ShiftStack.PRE_HOOK, ShiftStack.POST_HOOK);
        assertThat(whenInvoked.get(ShiftStack.PRE_HOOK)).isEqualTo(new Reading("UPDATE_IN_PROGRESS", "1", Map.of()));
        assertThat(whenInvoked.get(ShiftStack.POST_HOOK)).isEqualTo(new Reading("UPDATE_IN_PROGRESS", "2", Map.of()));
        assertThat(weightsOfVersionTwo(readings)).containsExactly(0.1);
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(lifecycle(targetOf(deployment.deploymentId()))).containsExactly(Map.entry("BeforeAllowTraffic", "Succeeded"),
                Map.entry("AllowTraffic", "Succeeded"), Map.entry("AfterAllowTraffic", "Succeeded"));
        JsonNode pre = CompatCodeDeploy.invocations().get(0);
        assertThat(pre.path("invocationType").asText()).isEqualTo("Event");
        assertThat(iterable(pre.path("payload").fieldNames())).containsExactly("DeploymentId", "LifecycleEventHookExecutionId");
        assertThat(pre.path("payload").path("DeploymentId").asText()).isEqualTo(deployment.deploymentId());
    }

    @Test
    void hookReportsAreCheckedAsCodeDeployChecksThem() {
        createOnVersionOne(true, "AllAtOnce");
        stack.deploy(ShiftStack.template("v2", true), "AllAtOnce");
        JsonNode pre = awaitInvocation(ShiftStack.PRE_HOOK);
        String id = pre.path("payload").path("DeploymentId").asText();
        String execution = pre.path("payload").path("LifecycleEventHookExecutionId").asText();

        assertThatThrownBy(() -> stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id)
                .lifecycleEventHookExecutionId("not-an-execution").status("Succeeded")))
                .isInstanceOf(InvalidLifecycleEventHookExecutionIdException.class);
        assertThatThrownBy(() -> stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status("InProgress")))
                .isInstanceOf(InvalidLifecycleEventHookExecutionStatusException.class);
        stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id).lifecycleEventHookExecutionId(execution)
                .status("Succeeded"));
        assertThatThrownBy(() -> stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status("Succeeded")))
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
        JsonNode post = awaitInvocation(ShiftStack.POST_HOOK);
        stack.codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id)
                .lifecycleEventHookExecutionId(post.path("payload").path("LifecycleEventHookExecutionId").asText()).status("Succeeded"));

        assertThat(last(stack.sampleUntilSettled(r -> { }))).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
    }

    private static JsonNode awaitInvocation(String function) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode invocation : CompatCodeDeploy.invocations()) {
                if (invocation.path("functionName").asText().equals(function)) {
                    return invocation;
                }
            }
            ShiftStack.pause(10);
        }
        throw new AssertionError("CodeDeploy never invoked " + function);
    }

    @Test
    void aPreTrafficHookAnsweredFailedRollsBackBeforeAnyTrafficMoves() {
        createOnVersionOne(true, "Linear10PercentEvery1Minute");
        Set<String> answered = new HashSet<>();
        Map<String, Reading> whenInvoked = new LinkedHashMap<>();

        stack.deploy(ShiftStack.template("v2", true), "Linear10PercentEvery1Minute");
        List<Reading> readings = stack.sampleUntilSettled(r -> answerHooks("Failed", answered, whenInvoked));

        assertThat(whenInvoked.keySet()).containsExactly(ShiftStack.PRE_HOOK);
        assertThat(readings).allSatisfy(r -> assertThat(r.weights()).isEmpty());
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_ROLLBACK_COMPLETE", "1", Map.of()));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(deployment.errorInformation().codeAsString()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(lifecycle(targetOf(deployment.deploymentId()))).containsExactly(Map.entry("BeforeAllowTraffic", "Failed"),
                Map.entry("AllowTraffic", "Skipped"), Map.entry("AfterAllowTraffic", "Skipped"));
        assertThat(aliasEvent("UPDATE_FAILED").resourceStatusReason()).contains(deployment.deploymentId() + " failed.");
    }

    @Test
    void aHookThatNeverReportsFailsTheDeploymentWhenTheScaledHourIsOver() {
        TimedShift shift = timedUpdateToVersionTwo(0.02, true, "AllAtOnce");

        assertThat(shift.took()).isGreaterThan(Duration.ofMillis(1100));
        assertThat(last(shift.readings())).isEqualTo(new Reading("UPDATE_ROLLBACK_COMPLETE", "1", Map.of()));
        DeploymentInfo deployment = theUpdatesDeployment();
        assertThat(deployment.errorInformation().codeAsString()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(deployment.errorInformation().message()).contains("did not report a status within 60 minutes");
        assertThat(CompatCodeDeploy.invocations()).extracting(i -> i.path("functionName").asText()).containsExactly(ShiftStack.PRE_HOOK);
    }

    @Test
    void aDeploymentGroupChangedInTheSameUpdateShiftsWithItsNewConfiguration() {
        LocalAws.get().minuteSeconds(0.2);
        createOnVersionOne(false, "AllAtOnce");

        stack.deploy(ShiftStack.template("v2", false), "Canary10Percent5Minutes");
        List<Reading> readings = stack.sampleUntilSettled(r -> { });

        assertThat(weightsOfVersionTwo(readings)).containsExactly(0.1);
        assertThat(last(readings)).isEqualTo(new Reading("UPDATE_COMPLETE", "2", Map.of()));
        assertThat(theUpdatesDeployment().deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
    }

    /** What a test saw of the update from v1 to v2, and how long the update took. */
    private record TimedShift(List<Reading> readings, Duration took) {
    }

    /** Creates the stack on v1, then updates it to v2 on a clock of {@code minuteSeconds} per AWS minute. */
    private TimedShift timedUpdateToVersionTwo(double minuteSeconds, boolean hooks, String deployType) {
        LocalAws.get().minuteSeconds(minuteSeconds);
        createOnVersionOne(hooks, deployType);
        Instant started = Instant.now();
        stack.deploy(ShiftStack.template("v2", hooks), deployType);
        List<Reading> readings = stack.sampleUntilSettled(r -> { });
        return new TimedShift(readings, Duration.between(started, Instant.now()));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
