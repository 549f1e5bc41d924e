package dev.samstage.core.traffic;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the watcher saw of one CodeDeploy Lambda deployment at one instant. Everything the
 * shift's state machine ({@link ShiftState#next}) decides is decided from these values alone.
 *
 * @param deploymentId       CodeDeploy deployment id
 * @param target             what shifts, {@code <function>:<alias>} (or the deployment group when unknown)
 * @param status             CodeDeploy status: Created, Queued, InProgress, Baking, Ready, Succeeded, Failed, Stopped
 * @param observedAt         when this was read
 * @param trafficPercent     share of traffic on the new version (0..100), negative when unknown
 * @param targetVersion      the new version, empty when unknown
 * @param lifecycle          lifecycle event name to status (BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic)
 * @param shiftStarted       when AllowTraffic started, null when it has not
 * @param routing            how the configuration moves traffic, null when unknown
 * @param errorCode          CodeDeploy error code (ALARM_ACTIVE, HOOK_EXECUTION_FAILURE, ...), empty if none
 * @param errorMessage       CodeDeploy error message, empty if none
 * @param rollbackMessage    CodeDeploy rollback information, empty if none
 * @param alarmsInAlarm      the group's alarms in ALARM (read once the deployment has failed)
 * @param stackName          the CloudFormation stack that updates the alias
 * @param stackStatus        its status at the time, empty when unknown
 */
public record DeploymentObservation(
        String deploymentId,
        String target,
        String status,
        Instant observedAt,
        double trafficPercent,
        String targetVersion,
        Map<String, String> lifecycle,
        Instant shiftStarted,
        TrafficRouting routing,
        String errorCode,
        String errorMessage,
        String rollbackMessage,
        List<AlarmState> alarmsInAlarm,
        String stackName,
        String stackStatus) {

    public DeploymentObservation {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(observedAt, "observedAt");
        target = target == null ? deploymentId : target;
        targetVersion = targetVersion == null ? "" : targetVersion;
        lifecycle = lifecycle == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lifecycle));
        errorCode = errorCode == null ? "" : errorCode;
        errorMessage = errorMessage == null ? "" : errorMessage;
        rollbackMessage = rollbackMessage == null ? "" : rollbackMessage;
        alarmsInAlarm = List.copyOf(alarmsInAlarm == null ? List.of() : alarmsInAlarm);
        stackName = stackName == null ? "" : stackName;
        stackStatus = stackStatus == null ? "" : stackStatus;
    }

    public OptionalDouble traffic() {
        return trafficPercent < 0 ? OptionalDouble.empty() : OptionalDouble.of(trafficPercent);
    }

    public Optional<Instant> shiftStart() {
        return Optional.ofNullable(shiftStarted);
    }

    public Optional<TrafficRouting> trafficRouting() {
        return Optional.ofNullable(routing);
    }

    public static Builder builder(String deploymentId, String status, Instant observedAt) {
        return new Builder(deploymentId, status, observedAt);
    }

    /** Builder for observations; unknown values stay unset. */
    public static final class Builder {
        private final String deploymentId;
        private final String status;
        private final Instant observedAt;
        private String target;
        private double trafficPercent = -1;
        private String targetVersion;
        private Map<String, String> lifecycle = Map.of();
        private Instant shiftStarted;
        private TrafficRouting routing;
        private String errorCode;
        private String errorMessage;
        private String rollbackMessage;
        private List<AlarmState> alarmsInAlarm = List.of();
        private String stackName;
        private String stackStatus;

        private Builder(String deploymentId, String status, Instant observedAt) {
            this.deploymentId = deploymentId;
            this.status = status;
            this.observedAt = observedAt;
        }

        public Builder target(String v) { target = v; return this; }
        public Builder trafficPercent(double v) { trafficPercent = v; return this; }
        public Builder targetVersion(String v) { targetVersion = v; return this; }
        public Builder lifecycle(Map<String, String> v) { lifecycle = v; return this; }
        public Builder shiftStarted(Instant v) { shiftStarted = v; return this; }
        public Builder routing(TrafficRouting v) { routing = v; return this; }
        public Builder error(String code, String message) { errorCode = code; errorMessage = message; return this; }
        public Builder rollbackMessage(String v) { rollbackMessage = v; return this; }
        public Builder alarmsInAlarm(List<AlarmState> v) { alarmsInAlarm = v; return this; }
        public Builder stack(String name, String status) { stackName = name; stackStatus = status; return this; }

        public DeploymentObservation build() {
            return new DeploymentObservation(deploymentId, target, status, observedAt, trafficPercent, targetVersion,
                    lifecycle, shiftStarted, routing, errorCode, errorMessage, rollbackMessage, alarmsInAlarm,
                    stackName, stackStatus);
        }
    }
}
