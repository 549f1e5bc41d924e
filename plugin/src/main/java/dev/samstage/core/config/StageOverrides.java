package dev.samstage.core.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code -Dsamstage.*} properties as the highest-precedence {@link ConfigLayer}. */
final class StageOverrides {

    private static final Map<String, String> PROPERTY_OF_FIELD = Map.ofEntries(
            Map.entry("accountId", StageProperties.ACCOUNT_ID), Map.entry("regions", StageProperties.REGION),
            Map.entry("roleArn", StageProperties.ROLE_ARN), Map.entry("externalId", StageProperties.EXTERNAL_ID),
            Map.entry("stackName", StageProperties.STACK_NAME), Map.entry("bucket", StageProperties.BUCKET),
            Map.entry("prefix", StageProperties.PREFIX), Map.entry("kmsKeyId", StageProperties.KMS_KEY_ID),
            Map.entry("parameterOverrides", StageProperties.PARAMETER_OVERRIDES),
            Map.entry("templateConfiguration", StageProperties.TEMPLATE_CONFIGURATION),
            Map.entry("tags", StageProperties.TAGS), Map.entry("capabilities", StageProperties.CAPABILITIES),
            Map.entry("cloudFormationRoleArn", StageProperties.CLOUDFORMATION_ROLE_ARN),
            Map.entry("suiteTag", StageProperties.SUITE), Map.entry("requiresApproval", StageProperties.REQUIRES_APPROVAL),
            Map.entry("production", StageProperties.PRODUCTION),
            Map.entry("deploymentPreference", StageProperties.DEPLOYMENT_PREFERENCE));

    private StageOverrides() {
    }

    static ConfigLayer layer(String stage, Map<String, String> properties) {
        Map<String, String> p = properties == null ? Map.of() : properties;
        Environment.Builder b = Environment.builder(stage)
                .accountId(p.get(StageProperties.ACCOUNT_ID))
                .roleArn(p.get(StageProperties.ROLE_ARN))
                .externalId(p.get(StageProperties.EXTERNAL_ID))
                .stackName(p.get(StageProperties.STACK_NAME))
                .bucket(p.get(StageProperties.BUCKET))
                .prefix(p.get(StageProperties.PREFIX))
                .kmsKeyId(p.get(StageProperties.KMS_KEY_ID))
                .cloudFormationRoleArn(p.get(StageProperties.CLOUDFORMATION_ROLE_ARN))
                .suiteTag(p.get(StageProperties.SUITE))
                .deploymentPreference(p.get(StageProperties.DEPLOYMENT_PREFERENCE));
        list(p.get(StageProperties.REGION)).ifPresent(b::regions);
        list(p.get(StageProperties.CAPABILITIES)).ifPresent(b::capabilities);
        text(p.get(StageProperties.TEMPLATE_CONFIGURATION)).ifPresent(v -> b.templateConfiguration(Path.of(v)));
        text(p.get(StageProperties.PARAMETER_OVERRIDES)).ifPresent(v ->
                b.parameterOverrides(KeyValueList.parse(v, "-D" + StageProperties.PARAMETER_OVERRIDES)));
        text(p.get(StageProperties.TAGS)).ifPresent(v -> b.tags(KeyValueList.parse(v, "-D" + StageProperties.TAGS)));
        return new ConfigLayer(b.build(), field -> "-D" + PROPERTY_OF_FIELD.getOrDefault(field, "samstage." + field),
                flag(p, StageProperties.REQUIRES_APPROVAL), flag(p, StageProperties.PRODUCTION));
    }

    private static Optional<String> text(String v) {
        return Optional.ofNullable(v).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<List<String>> list(String v) {
        return text(v).map(s -> Arrays.stream(s.split("[\\s,]+")).filter(x -> !x.isBlank()).toList());
    }

    private static Optional<Boolean> flag(Map<String, String> p, String property) {
        return text(p.get(property)).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new ConfigException("-D" + property + "=" + v + " is not a boolean; use true or false.");
            }
            return Boolean.parseBoolean(v);
        });
    }
}
