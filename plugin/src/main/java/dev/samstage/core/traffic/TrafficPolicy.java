package dev.samstage.core.traffic;

import dev.samstage.core.config.Environment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stage's traffic shifting settings, applied to a template by {@link DeploymentPreferenceWriter}.
 *
 * @param stage               stage name, for messages
 * @param type                deployment configuration for every aliased function
 * @param alarms              CloudWatch alarm names (existing alarms) that stop and roll back a shift
 * @param triggers            CodeDeploy triggers added to every deployment group
 * @param hooks               stage hooks: {@code PreTraffic}/{@code PostTraffic} to a function's logical id
 * @param lambdaErrorAlarms   whether to generate an Errors alarm on each alias's new version
 * @param api5xxAlarms        whether to generate a 5XX alarm for each REST API in front of the functions
 */
public record TrafficPolicy(
        String stage,
        DeploymentPreferenceType type,
        List<String> alarms,
        List<TrafficTrigger> triggers,
        Map<String, String> hooks,
        boolean lambdaErrorAlarms,
        boolean api5xxAlarms) {

    /** The hook kinds SAM knows. */
    public static final Set<String> HOOK_KINDS = Set.of("PreTraffic", "PostTraffic");

    public TrafficPolicy {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(type, "type");
        alarms = List.copyOf(alarms == null ? List.of() : alarms.stream().distinct().toList());
        triggers = List.copyOf(triggers == null ? List.of() : triggers);
        hooks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hooks == null ? Map.of() : hooks));
        for (String alarm : alarms) {
            if (alarm == null || alarm.isBlank() || alarm.length() > 255) {
                throw new IllegalArgumentException("alarms: '" + alarm + "' is not a CloudWatch alarm name (1-255 characters)");
            }
        }
        for (String kind : hooks.keySet()) {
            if (!HOOK_KINDS.contains(kind)) {
                throw new IllegalArgumentException("hooks: '" + kind + "' is not a hook kind; use PreTraffic or PostTraffic");
            }
        }
    }

    /** {@code <generatedAlarms>} value for the Lambda Errors alarm on the alias's new version. */
    public static final String LAMBDA_ERRORS = "lambda-errors";
    /** {@code <generatedAlarms>} value for the REST API 5XX alarm. */
    public static final String API_5XX = "api-5xx";

    /**
     * The policy of a resolved stage: its deployment preference, alarms and generated alarms;
     * no triggers or hooks (add those with {@link #toBuilder()}).
     *
     * @throws TrafficException when the stage's deployment preference is not a valid configuration name
     */
    public static TrafficPolicy of(Environment environment) {
        DeploymentPreferenceType type;
        try {
            type = DeploymentPreferenceType.of(environment.deploymentPreference());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrafficException("Stage " + environment.name() + ": <deploymentPreference> of its <environment> "
                    + (e.getMessage() == null ? "is missing" : e.getMessage()) + ".", e);
        }
        for (String generated : environment.generatedAlarms()) {
            if (!generated.equals(LAMBDA_ERRORS) && !generated.equals(API_5XX)) {
                throw new TrafficException("Stage " + environment.name() + ": <generatedAlarms> has '" + generated
                        + "'; use " + LAMBDA_ERRORS + " and/or " + API_5XX + ".");
            }
        }
        return builder(environment.name(), type).alarms(environment.alarms())
                .lambdaErrorAlarms(environment.generatedAlarms().contains(LAMBDA_ERRORS))
                .api5xxAlarms(environment.generatedAlarms().contains(API_5XX))
                .build();
    }

    public static Builder builder(String stage, DeploymentPreferenceType type) {
        return new Builder(stage, type);
    }

    public Builder toBuilder() {
        return new Builder(stage, type).alarms(alarms).triggers(triggers).hooks(hooks)
                .lambdaErrorAlarms(lambdaErrorAlarms).api5xxAlarms(api5xxAlarms);
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private final String stage;
        private final DeploymentPreferenceType type;
        private List<String> alarms = List.of();
        private List<TrafficTrigger> triggers = List.of();
        private Map<String, String> hooks = Map.of();
        private boolean lambdaErrorAlarms;
        private boolean api5xxAlarms;

        private Builder(String stage, DeploymentPreferenceType type) {
            this.stage = stage;
            this.type = type;
        }

        public Builder alarms(List<String> v) { alarms = v; return this; }
        public Builder triggers(List<TrafficTrigger> v) { triggers = v; return this; }
        public Builder hooks(Map<String, String> v) { hooks = v; return this; }
        public Builder lambdaErrorAlarms(boolean v) { lambdaErrorAlarms = v; return this; }
        public Builder api5xxAlarms(boolean v) { api5xxAlarms = v; return this; }

        public TrafficPolicy build() {
            return new TrafficPolicy(stage, type, alarms, triggers, hooks, lambdaErrorAlarms, api5xxAlarms);
        }
    }
}
