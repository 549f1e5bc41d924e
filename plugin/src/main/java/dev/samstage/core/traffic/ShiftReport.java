package dev.samstage.core.traffic;

import java.util.List;
import java.util.Objects;

/**
 * How one CodeDeploy deployment of a stack update ended.
 *
 * @param deploymentId        CodeDeploy deployment id
 * @param applicationName     CodeDeploy application
 * @param deploymentGroupName CodeDeploy deployment group
 * @param target              {@code <function>:<alias>}, or the group name when CodeDeploy did not say
 * @param phase               the final phase (SUCCEEDED, FAILED or STOPPED)
 * @param errorCode           CodeDeploy error code, empty on success
 * @param errorMessage        CodeDeploy error message, empty on success
 * @param alarmsInAlarm       the group's alarms that were in ALARM when it failed
 * @param rollbackMessage     CodeDeploy's rollback information, empty if none
 */
public record ShiftReport(
        String deploymentId,
        String applicationName,
        String deploymentGroupName,
        String target,
        ShiftPhase phase,
        String errorCode,
        String errorMessage,
        List<AlarmState> alarmsInAlarm,
        String rollbackMessage) {

    public ShiftReport {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(phase, "phase");
        errorCode = errorCode == null ? "" : errorCode;
        errorMessage = errorMessage == null ? "" : errorMessage;
        alarmsInAlarm = List.copyOf(alarmsInAlarm == null ? List.of() : alarmsInAlarm);
        rollbackMessage = rollbackMessage == null ? "" : rollbackMessage;
    }

    public boolean succeeded() {
        return phase == ShiftPhase.SUCCEEDED;
    }
}
