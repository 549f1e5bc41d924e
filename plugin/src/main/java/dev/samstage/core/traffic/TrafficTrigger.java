package dev.samstage.core.traffic;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CodeDeploy trigger a stage adds to every deployment group: an SNS topic notified on
 * deployment events ({@code TriggerConfigurations} of a SAM DeploymentPreference).
 *
 * @param name      trigger name, unique within the group
 * @param targetArn SNS topic ARN
 * @param events    CodeDeploy trigger events, e.g. DeploymentFailure, DeploymentRollback
 */
public record TrafficTrigger(String name, String targetArn, List<String> events) {

    private static final Set<String> EVENTS = Set.of("DeploymentStart", "DeploymentSuccess", "DeploymentFailure",
            "DeploymentStop", "DeploymentRollback", "DeploymentReady", "InstanceStart", "InstanceSuccess",
            "InstanceFailure", "InstanceReady");

    public TrafficTrigger {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targetArn, "targetArn");
        events = List.copyOf(events == null ? List.of() : events);
        if (name.isBlank()) {
            throw new IllegalArgumentException("trigger name: must not be blank");
        }
        if (!targetArn.startsWith("arn:") || !targetArn.contains(":sns:")) {
            throw new IllegalArgumentException("trigger " + name + " targetArn: '" + targetArn + "' is not an SNS topic ARN");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("trigger " + name + " events: name at least one of " + EVENTS);
        }
        for (String event : events) {
            if (!EVENTS.contains(event)) {
                throw new IllegalArgumentException("trigger " + name + " events: '" + event + "' is not a CodeDeploy trigger event; use " + EVENTS);
            }
        }
    }
}
