package dev.samstage.core.traffic;

import dev.samstage.core.events.StageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The traffic shift state machine of one deployment, a pure function of observations:
 * {@link #next(DeploymentObservation)} gives the next state and the events to emit, with no
 * I/O and no clock of its own, so a table of observations covers it.
 *
 * @param phase     where the deployment stands
 * @param milestone the last plain progress line emitted (percentage, step, hooks), to emit changes only
 */
public record ShiftState(ShiftPhase phase, String milestone) {

    private static final List<String> HOOK_EVENTS = List.of("BeforeAllowTraffic", "AfterAllowTraffic");

    public ShiftState {
        Objects.requireNonNull(phase, "phase");
        milestone = milestone == null ? "" : milestone;
    }

    /** Nothing seen yet. */
    public static ShiftState initial() {
        return new ShiftState(ShiftPhase.WAITING, "");
    }

    /** The next state and what to report. A terminal state absorbs every later observation silently. */
    public Transition next(DeploymentObservation seen) {
        if (phase.terminal()) {
            return new Transition(this, List.of());
        }
        ShiftPhase now = ShiftPhase.of(seen.status());
        if (now == ShiftPhase.WAITING && seen.traffic().orElse(0) > 0) {
            // the status was read just before the target: traffic already moving means the deployment started
            now = ShiftPhase.SHIFTING;
        }
        return switch (now) {
            case WAITING, SHIFTING -> running(now, seen);
            case SUCCEEDED -> new Transition(new ShiftState(now, milestone), List.of(StageEvent.info(
                    "Traffic shift of " + seen.target() + versionText(seen) + " succeeded (CodeDeploy deployment "
                            + seen.deploymentId() + "): all traffic is on the new version.")));
            case FAILED, STOPPED -> new Transition(new ShiftState(now, milestone), failure(now, seen));
        };
    }

    private Transition running(ShiftPhase now, DeploymentObservation seen) {
        double percent = seen.traffic().orElse(-1);
        Optional<TrafficRouting> routing = seen.trafficRouting();
        int steps = routing.map(TrafficRouting::steps).orElse(0);
        int step = routing.map(r -> r.stepsTaken(Math.max(0, percent))).orElse(0);
        Duration untilNext = null;
        if (now == ShiftPhase.SHIFTING && routing.isPresent() && seen.shiftStart().isPresent() && percent >= 0) {
            Optional<Instant> due = routing.get().nextStepAt(seen.shiftStart().get(), percent);
            untilNext = due.map(at -> Duration.between(seen.observedAt(), at))
                    .map(d -> d.isNegative() ? Duration.ZERO : d).orElse(null);
        }
        Map<String, String> hooks = new LinkedHashMap<>();
        for (String hook : HOOK_EVENTS) {
            if (seen.lifecycle().containsKey(hook)) {
                hooks.put(hook, seen.lifecycle().get(hook));
            }
        }
        String plain = milestoneLine(now, seen, percent, step, steps, routing, hooks);
        String live = untilNext == null ? plain : plain + ", next step in " + clock(untilNext);
        List<StageEvent> events = new ArrayList<>();
        if (!plain.equals(milestone)) {
            events.add(StageEvent.info(plain));
        }
        events.add(new TrafficShiftProgress(seen.deploymentId(), seen.target(), now, percent, step, steps, untilNext, hooks, live));
        return new Transition(new ShiftState(now, plain), events);
    }

    private static String milestoneLine(ShiftPhase now, DeploymentObservation seen, double percent, int step, int steps,
                                        Optional<TrafficRouting> routing, Map<String, String> hooks) {
        StringBuilder line = new StringBuilder("Traffic shift of ").append(seen.target()).append(versionText(seen)).append(": ");
        if (now == ShiftPhase.WAITING) {
            return line.append("CodeDeploy deployment ").append(seen.deploymentId()).append(" is ").append(seen.status())
                    .append(", waiting for it to start").toString();
        }
        if (percent >= 0) {
            line.append(formatPercent(percent)).append("% of traffic on the new version");
            if (steps > 0) {
                line.append(" (step ").append(step).append(" of ").append(steps).append(", ").append(routing.get().describe()).append(')');
            }
        } else {
            line.append("CodeDeploy deployment ").append(seen.deploymentId()).append(" is ").append(seen.status());
        }
        if (!hooks.isEmpty()) {
            line.append("; hooks: ");
            hooks.forEach((hook, status) -> line.append(hook).append(' ').append(status).append(", "));
            line.setLength(line.length() - 2);
        }
        return line.toString();
    }

    private static List<StageEvent> failure(ShiftPhase now, DeploymentObservation seen) {
        List<StageEvent> events = new ArrayList<>();
        String verb = now == ShiftPhase.STOPPED ? "was stopped" : "failed";
        String cause = seen.errorCode().isEmpty() ? "" : " with " + seen.errorCode()
                + (seen.errorMessage().isEmpty() ? "" : ": " + seen.errorMessage());
        events.add(StageEvent.error("Traffic shift of " + seen.target() + versionText(seen) + " " + verb
                + " (CodeDeploy deployment " + seen.deploymentId() + ")" + cause));
        for (AlarmState alarm : seen.alarmsInAlarm()) {
            events.add(StageEvent.error("Alarm " + alarm.describe()));
        }
        if ("ALARM_ACTIVE".equals(seen.errorCode()) && seen.alarmsInAlarm().isEmpty()) {
            events.add(StageEvent.error("None of the deployment group's alarms is in ALARM any more; it fired during the shift."));
        }
        if (!seen.rollbackMessage().isEmpty()) {
            events.add(StageEvent.error("CodeDeploy rollback: " + seen.rollbackMessage()));
        }
        events.add(StageEvent.error(stackLine(seen)));
        events.add(StageEvent.error(nextStep(seen)));
        return events;
    }

    private static String stackLine(DeploymentObservation seen) {
        String stack = seen.stackName().isEmpty() ? "the stack" : "stack " + seen.stackName();
        String status = seen.stackStatus();
        if (status.contains("ROLLBACK") && status.endsWith("COMPLETE")) {
            return "CloudFormation rolled " + stack + " back (" + status + "): the alias serves the previous version.";
        }
        if (status.contains("ROLLBACK")) {
            return "CloudFormation is rolling " + stack + " back (" + status + "): the alias returns to the previous version.";
        }
        return "CloudFormation rolls " + stack + " back because the alias update failed"
                + (status.isEmpty() ? "" : " (stack status now " + status + ")") + ".";
    }

    private static String nextStep(DeploymentObservation seen) {
        return switch (seen.errorCode()) {
            case "ALARM_ACTIVE" -> "Next: find out why "
                    + (seen.alarmsInAlarm().isEmpty() ? "the alarm" : seen.alarmsInAlarm().get(0).name())
                    + " fired (aws cloudwatch describe-alarm-history), fix the release, wait until the alarm is OK, then deploy again.";
            case "HOOK_EXECUTION_FAILURE" -> "Next: read the hook function's log in CloudWatch Logs (it lists the failed tests),"
                    + " fix the release, then deploy again.";
            default -> "Next: aws deploy get-deployment --deployment-id " + seen.deploymentId()
                    + " shows CodeDeploy's account of it; fix the cause, then deploy again.";
        };
    }

    private static String versionText(DeploymentObservation seen) {
        return seen.targetVersion().isEmpty() ? "" : " to version " + seen.targetVersion();
    }

    private static String formatPercent(double percent) {
        return percent == Math.rint(percent) ? Long.toString(Math.round(percent)) : String.format(java.util.Locale.ROOT, "%.1f", percent);
    }

    private static String clock(Duration d) {
        long seconds = d.toSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * One step of the state machine.
     *
     * @param state  the state after the observation
     * @param events what to report, in order
     */
    public record Transition(ShiftState state, List<StageEvent> events) {
        public Transition {
            Objects.requireNonNull(state, "state");
            events = List.copyOf(events);
        }
    }
}
