package dev.samstage.core.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code -Dsamstage.*} properties as the highest-precedence {@link ConfigLayer}. */
final class StageOverrides {

    private static final Map<String, String> PROPERTY_OF_FIELD = Map.ofEntries(
            Map.entry("accountId", StagePropertyNames.ACCOUNT_ID), Map.entry("regions", StagePropertyNames.REGION),
            Map.entry("roleArn", StagePropertyNames.ROLE_ARN), Map.entry("externalId", StagePropertyNames.EXTERNAL_ID),
            Map.entry("stackName", StagePropertyNames.STACK_NAME), Map.entry("bucket", StagePropertyNames.BUCKET),
            Map.entry("prefix", StagePropertyNames.PREFIX), Map.entry("kmsKeyId", StagePropertyNames.KMS_KEY_ID),
            Map.entry("parameterOverrides", StagePropertyNames.PARAMETER_OVERRIDES),
            Map.entry("templateConfiguration", StagePropertyNames.TEMPLATE_CONFIGURATION),
            Map.entry("tags", StagePropertyNames.TAGS), Map.entry("capabilities", StagePropertyNames.CAPABILITIES),
            Map.entry("cloudFormationRoleArn", StagePropertyNames.CLOUDFORMATION_ROLE_ARN),
            Map.entry("suiteTag", StagePropertyNames.SUITE), Map.entry("requiresApproval", StagePropertyNames.REQUIRES_APPROVAL),
            Map.entry("production", StagePropertyNames.PRODUCTION),
            Map.entry("deploymentPreference", StagePropertyNames.DEPLOYMENT_PREFERENCE));

    private StageOverrides() {
    }

    static ConfigLayer layer(String stage, Map<String, String> properties) {
        Map<String, String> p = properties == null ? Map.of() : properties;
        Environment.Builder b = Environment.builder(stage)
                .accountId(p.get(StagePropertyNames.ACCOUNT_ID))
                .roleArn(p.get(StagePropertyNames.ROLE_ARN))
                .externalId(p.get(StagePropertyNames.EXTERNAL_ID))
                .stackName(p.get(StagePropertyNames.STACK_NAME))
                .bucket(p.get(StagePropertyNames.BUCKET))
                .prefix(p.get(StagePropertyNames.PREFIX))
                .kmsKeyId(p.get(StagePropertyNames.KMS_KEY_ID))
                .cloudFormationRoleArn(p.get(StagePropertyNames.CLOUDFORMATION_ROLE_ARN))
                .suiteTag(p.get(StagePropertyNames.SUITE))
                .deploymentPreference(p.get(StagePropertyNames.DEPLOYMENT_PREFERENCE));
        list(p.get(StagePropertyNames.REGION)).ifPresent(b::regions);
        list(p.get(StagePropertyNames.CAPABILITIES)).ifPresent(b::capabilities);
        text(p.get(StagePropertyNames.TEMPLATE_CONFIGURATION)).ifPresent(v -> b.templateConfiguration(Path.of(v)));
        text(p.get(StagePropertyNames.PARAMETER_OVERRIDES)).ifPresent(v ->
                b.parameterOverrides(KeyValueList.parse(v, "-D" + StagePropertyNames.PARAMETER_OVERRIDES)));
        text(p.get(StagePropertyNames.TAGS)).ifPresent(v -> b.tags(KeyValueList.parse(v, "-D" + StagePropertyNames.TAGS)));
        return new ConfigLayer(b.build(), field -> "-D" + PROPERTY_OF_FIELD.getOrDefault(field, "samstage." + field),
                flag(p, StagePropertyNames.REQUIRES_APPROVAL), flag(p, StagePropertyNames.PRODUCTION));
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
