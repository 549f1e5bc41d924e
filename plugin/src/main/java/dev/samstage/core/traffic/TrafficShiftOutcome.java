package dev.samstage.core.traffic;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link TrafficShiftWatcher#watch} saw of a stack update's traffic shifting.
 *
 * @param result   the overall result
 * @param stack    the stack that was watched
 * @param reports  one report per CodeDeploy deployment, in the order they were found
 */
public record TrafficShiftOutcome(Result result, String stack, List<ShiftReport> reports) {

    /** Overall result of the shifting in one stack update. */
    public enum Result {
        /** Every deployment succeeded. */
        SUCCEEDED,
        /** At least one deployment failed or was stopped; CloudFormation rolls the stack back. */
        FAILED,
        /** The update shifted no traffic (no aliased function changed, or no CodeDeploy group in the stack). */
        NO_DEPLOYMENT
    }

    public TrafficShiftOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(stack, "stack");
        reports = List.copyOf(reports == null ? List.of() : reports);
    }

    /** True unless a deployment failed or was stopped: the build goes on. */
    public boolean succeeded() {
        return result != Result.FAILED;
    }

    /** One line for a build failure: the failed deployments with their error codes and alarms. */
    public String summary() {
        return switch (result) {
            case SUCCEEDED -> "Traffic shifting in stack " + stack + " succeeded for "
                    + reports.stream().map(ShiftReport::target).collect(Collectors.joining(", ")) + ".";
            case NO_DEPLOYMENT -> "Stack " + stack + " shifted no traffic (no CodeDeploy deployment in this update).";
            case FAILED -> "Traffic shifting in stack " + stack + " failed and was rolled back: "
                    + reports.stream().filter(r -> !r.succeeded()).map(TrafficShiftOutcome::describe)
                    .collect(Collectors.joining("; ")) + ".";
        };
    }

    private static String describe(ShiftReport r) {
        StringBuilder s = new StringBuilder(r.target()).append(" (deployment ").append(r.deploymentId()).append(") ")
                .append(r.phase() == ShiftPhase.STOPPED ? "stopped" : "failed");
        if (!r.errorCode().isEmpty()) {
            s.append(" with ").append(r.errorCode());
        }
        if (!r.alarmsInAlarm().isEmpty()) {
            s.append(", alarms in ALARM: ").append(r.alarmsInAlarm().stream().map(AlarmState::name).collect(Collectors.joining(", ")));
        }
        return s.toString();
    }
}
