package dev.samstage.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Picks the stage named by {@code -Denv} among the declared ones and fills in the defaults
 * (stack name, role convention, suite tag, deployment preference). The {@code local} stage
 * always exists, declared or not.
 */
public final class EnvironmentResolver {

    /** Suite tag run against stages that are not production. */
    public static final String INTEGRATION_TAG = "integration";
    /** Suite tag run against production. */
    public static final String SANITY_TAG = "sanity";
    public static final String DEFAULT_PREFERENCE = "AllAtOnce";
    public static final String PRODUCTION_PREFERENCE = "Linear10PercentEvery1Minute";

    private final String projectName;

    public EnvironmentResolver(String projectName) {
        this.projectName = Objects.requireNonNull(projectName, "projectName");
    }

    /**
     * @param requested the value of {@code -Denv}, may be null or blank
     * @param declared  stages declared in the plugin configuration
     */
    public Environment resolve(String requested, List<Environment> declared) {
        return resolve(requested, declared, null, Map.of());
    }

    /**
     * @param samconfig a SAM CLI configuration file, may be null or absent
     * @param overrides {@code samstage.*} properties given with {@code -D}
     */
    public Environment resolve(String requested, List<Environment> declared, java.nio.file.Path samconfig,
            Map<String, String> overrides) {
        Map<String, Environment> byName = new LinkedHashMap<>();
        for (Environment e : declared) {
            byName.put(e.name(), e);
        }
        TreeSet<String> known = new TreeSet<>(byName.keySet());
        known.add(Environment.LOCAL);
        if (requested == null || requested.isBlank()) {
            throw new ConfigException("No stage selected: add -Denv=<stage> (known stages: " + String.join(", ", known) + ").");
        }
        Environment chosen = byName.get(requested);
        if (chosen == null) {
            if (!Environment.LOCAL.equals(requested)) {
                throw new ConfigException("Unknown stage -Denv=" + requested + " (known stages: " + String.join(", ", known)
                        + "); declare it as an <environment> in the samstage plugin configuration.");
            }
            chosen = Environment.builder(Environment.LOCAL).build();
        }
        return withDefaults(chosen);
    }

    Environment withDefaults(Environment e) {
        Environment.Builder b = e.toBuilder();
        if (isBlank(e.stackName())) {
            b.stackName(projectName + "-" + e.name());
        }
        if (isBlank(e.suiteTag())) {
            b.suiteTag(e.production() ? SANITY_TAG : INTEGRATION_TAG);
        }
        if (isBlank(e.deploymentPreference())) {
            b.deploymentPreference(e.production() ? PRODUCTION_PREFERENCE : DEFAULT_PREFERENCE);
        }
        if (isBlank(e.prefix())) {
            b.prefix(projectName);
        }
        List<String> problems = new ArrayList<>();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return b.build();
    }

    /** The deployment role: the explicit ARN, else {@code arn:aws:iam::<account>:role/<project>-<region>-DeploymentRole}. */
    public String deploymentRoleArn(Environment e, String region) {
        return e.explicitRoleArn().orElseGet(() ->
                "arn:aws:iam::" + e.accountId() + ":role/" + projectName + "-" + region + "-DeploymentRole");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
