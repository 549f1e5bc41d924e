package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.events.StageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShiftStateTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final TrafficRouting LINEAR_1 = DeploymentPreferenceType.of("Linear10PercentEvery1Minute").routing().orElseThrow();
    private static final AlarmState ERRORS = new AlarmState("checkout-errors", "ALARM", Instant.parse("2026-03-01T10:02:10Z"),
            "Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0)");

    private static DeploymentObservation.Builder seen(String status) {
        return DeploymentObservation.builder("d-ABC123", status, START.plusSeconds(75))
                .target("checkout:live").targetVersion("7").routing(LINEAR_1).stack("shop-prod", "UPDATE_IN_PROGRESS");
    }

    static Stream<Arguments> observations() {
        return Stream.of(
                Arguments.of("Created waits", seen("Created").build(), ShiftPhase.WAITING,
                        List.of("CodeDeploy deployment d-ABC123 is Created, waiting for it to start")),
                Arguments.of("Queued waits", seen("Queued").build(), ShiftPhase.WAITING,
                        List.of("d-ABC123 is Queued")),
                Arguments.of("Created read just before a target already at 10% is shifting", seen("Created").trafficPercent(10).build(),
                        ShiftPhase.SHIFTING, List.of("10% of traffic on the new version (step 1 of 10, linear 10% every 1 min)")),
                Arguments.of("InProgress before traffic moves shows the hook", seen("InProgress").trafficPercent(0)
                                .lifecycle(Map.of("BeforeAllowTraffic", "InProgress")).build(), ShiftPhase.SHIFTING,
                        List.of("0% of traffic on the new version (step 0 of 10, linear 10% every 1 min); hooks: BeforeAllowTraffic InProgress")),
                Arguments.of("InProgress mid-shift shows step and time to the next one", seen("InProgress").trafficPercent(20)
                                .shiftStarted(START).lifecycle(ordered("BeforeAllowTraffic", "Succeeded", "AllowTraffic", "InProgress",
                                        "AfterAllowTraffic", "Pending")).build(), ShiftPhase.SHIFTING,
                        List.of("checkout:live to version 7: 20% of traffic on the new version (step 2 of 10, linear 10% every 1 min);"
                                + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic Pending", "next step in 0:45")),
                Arguments.of("Ready counts as shifting", seen("Ready").build(), ShiftPhase.SHIFTING,
                        List.of("CodeDeploy deployment d-ABC123 is Ready")),
                Arguments.of("Succeeded", seen("Succeeded").trafficPercent(100).build(), ShiftPhase.SUCCEEDED,
                        List.of("Traffic shift of checkout:live to version 7 succeeded (CodeDeploy deployment d-ABC123)")),
                Arguments.of("Failed on an alarm, with rollback info", seen("Failed")
                                .error("ALARM_ACTIVE", "One or more alarms have been activated according to the Amazon CloudWatch metrics you selected")
                                .alarmsInAlarm(List.of(ERRORS)).rollbackMessage("Deployment d-ROLL1 rolled back the alias to version 6")
                                .stack("shop-prod", "UPDATE_ROLLBACK_IN_PROGRESS").build(), ShiftPhase.FAILED,
                        List.of("failed (CodeDeploy deployment d-ABC123) with ALARM_ACTIVE: One or more alarms",
                                "Alarm checkout-errors in ALARM since 2026-03-01T10:02:10Z (Threshold Crossed",
                                "CodeDeploy rollback: Deployment d-ROLL1 rolled back the alias to version 6",
                                "CloudFormation is rolling stack shop-prod back (UPDATE_ROLLBACK_IN_PROGRESS)",
                                "Next: find out why checkout-errors fired")),
                Arguments.of("Failed on an alarm that recovered, without rollback info", seen("Failed")
                                .error("ALARM_ACTIVE", "alarm activated").build(), ShiftPhase.FAILED,
                        List.of("with ALARM_ACTIVE: alarm activated",
                                "None of the deployment group's alarms is in ALARM any more",
                                "CloudFormation rolls stack shop-prod back because the alias update failed (stack status now UPDATE_IN_PROGRESS)")),
                Arguments.of("Failed hook, stack rolled back", seen("Failed")
                                .error("HOOK_EXECUTION_FAILURE", "The PostTraffic hook reported Failed")
                                .rollbackMessage("Rolled back").stack("shop-prod", "UPDATE_ROLLBACK_COMPLETE").build(), ShiftPhase.FAILED,
                        List.of("with HOOK_EXECUTION_FAILURE: The PostTraffic hook reported Failed",
                                "CodeDeploy rollback: Rolled back",
                                "CloudFormation rolled stack shop-prod back (UPDATE_ROLLBACK_COMPLETE)",
                                "read the hook function's log")),
                Arguments.of("Stopped by hand", seen("Stopped").error("MANUAL_STOP", "stopped by the user").build(), ShiftPhase.STOPPED,
                        List.of("was stopped (CodeDeploy deployment d-ABC123) with MANUAL_STOP",
                                "aws deploy get-deployment --deployment-id d-ABC123")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observations")
    void eachObservationLeadsToItsPhaseAndReportsIt(String name, DeploymentObservation observation, ShiftPhase phase, List<String> expected) {
        ShiftState.Transition t = ShiftState.initial().next(observation);

        assertThat(t.state().phase()).isEqualTo(phase);
        String all = String.join("\n", t.events().stream().map(StageEvent::message).toList());
        assertThat(all).contains(expected);
        if (phase == ShiftPhase.FAILED || phase == ShiftPhase.STOPPED) {
            assertThat(t.events()).allMatch(e -> e.severity() == StageEvent.Severity.ERROR);
        } else {
            assertThat(t.events()).noneMatch(e -> e.severity() == StageEvent.Severity.ERROR);
        }
    }

    static Stream<Arguments> runningPhases() {
        return Stream.of(Arguments.of("Created"), Arguments.of("Queued"), Arguments.of("InProgress"), Arguments.of("Ready"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runningPhases")
    void aRunningDeploymentGivesALiveProgressEventAndAPlainLineOnlyWhenSomethingChanged(String status) {
        ShiftState.Transition first = ShiftState.initial().next(seen(status).trafficPercent(10).shiftStarted(START).build());
        ShiftState.Transition again = first.state().next(seen(status).trafficPercent(10).shiftStarted(START).build());

        assertThat(first.events()).hasSize(2);
        assertThat(first.events().get(0).progress()).isFalse();
        assertThat(first.events().get(1)).isInstanceOf(TrafficShiftProgress.class);
        assertThat(first.events().get(1).progress()).isTrue();
        assertThat(again.events()).singleElement().matches(StageEvent::progress);
    }

    @Test
    void progressEventCarriesTrafficStepsAndTimeToNextStep() {
        DeploymentObservation o = seen("InProgress").trafficPercent(30).shiftStarted(START)
                .lifecycle(ordered("BeforeAllowTraffic", "Succeeded", "AllowTraffic", "InProgress", "AfterAllowTraffic", "Pending")).build();

        TrafficShiftProgress p = (TrafficShiftProgress) ShiftState.initial().next(o).events().get(1);

        // 30% means three steps taken; the fourth is due three minutes after shifting began
        assertThat(p.trafficPercent()).isEqualTo(30.0);
        assertThat(p.step()).isEqualTo(3);
        assertThat(p.steps()).isEqualTo(10);
        assertThat(p.nextStepIn()).contains(Duration.ofSeconds(180 - 75));
        assertThat(p.hooks().keySet()).containsExactly("BeforeAllowTraffic", "AfterAllowTraffic");
    }

    @Test
    void aTerminalStateIgnoresLaterObservations() {
        ShiftState failed = ShiftState.initial().next(seen("Failed").error("ALARM_ACTIVE", "x").build()).state();

        ShiftState.Transition t = failed.next(seen("Succeeded").build());

        assertThat(t.state()).isEqualTo(failed);
        assertThat(t.events()).isEmpty();
    }

    @Test
    void aFullLinearShiftWalksThroughEveryStepToSuccess() {
        ShiftState state = ShiftState.initial();
        List<String> plain = new java.util.ArrayList<>();
        for (int percent = 0; percent <= 100; percent += 10) {
            String status = percent == 100 ? "Succeeded" : "InProgress";
            ShiftState.Transition t = state.next(seen(status).trafficPercent(percent).shiftStarted(START).build());
            t.events().stream().filter(e -> !e.progress()).map(StageEvent::message).forEach(plain::add);
            state = t.state();
        }
        assertThat(state.phase()).isEqualTo(ShiftPhase.SUCCEEDED);
        assertThat(plain).hasSize(11);
        assertThat(plain.get(5)).contains("50% of traffic on the new version (step 5 of 10");
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
