package dev.samstage.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Picks the stage named by {@code -Denv}, merges its settings and fills in the defaults
 * (stack name, role convention, suite tag, deployment preference). Precedence, highest
 * first: {@code -Dsamstage.*} properties, the pom's {@code <environment>}, the
 * {@code [<env>.deploy.parameters]} table of an existing {@code samconfig.toml}, defaults.
 * The result is validated up front: every problem is listed at once
 * ({@link ConfigException#problems()}). The {@code local} stage always exists.
 *
 * <p>A stage is production when it says so or is named {@code prod} or {@code production}.</p>
 */
public final class EnvironmentResolver {

    /** Suite tag run against stages that are not production. */
    public static final String INTEGRATION_TAG = "integration";
    /** Suite tag run against production. */
    public static final String SANITY_TAG = "sanity";
    public static final String DEFAULT_PREFERENCE = "AllAtOnce";
    public static final String PRODUCTION_PREFERENCE = "Linear10PercentEvery1Minute";

    private final String projectName;
    private final Path baseDirectory;
    private final Map<String, String> environmentVariables;

    public EnvironmentResolver(String projectName) {
        this(projectName, Path.of("").toAbsolutePath(), System.getenv());
    }

    /**
     * @param baseDirectory        relative paths (template configuration) resolve against it
     * @param environmentVariables read for {@code AWS_REGION} / {@code AWS_DEFAULT_REGION}
     */
    public EnvironmentResolver(String projectName, Path baseDirectory, Map<String, String> environmentVariables) {
        this.projectName = Objects.requireNonNull(projectName, "projectName");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
        this.environmentVariables = Map.copyOf(Objects.requireNonNull(environmentVariables, "environmentVariables"));
    }

    /**
     * @param requested the value of {@code -Denv}, may be null or blank
     * @param declared  stages declared in the plugin configuration
     */
    public Environment resolve(String requested, List<Environment> declared) {
        return resolve(requested, declared, null, Map.of());
    }

    /**
     * @param requested the value of {@code -Denv}, may be null or blank
     * @param declared  stages declared in the plugin configuration
     * @param samConfig an existing {@code samconfig.toml}, or null / a missing file for none
     * @param overrides the {@code -D} user properties (only {@code samstage.*} ones are read)
     * @throws ConfigException listing every problem found
     */
    public Environment resolve(String requested, List<Environment> declared, Path samConfig, Map<String, String> overrides) {
        List<String> names = StageNames.problems(declared);
        if (!names.isEmpty()) {
            throw new ConfigException(names);
        }
        Map<String, Environment> byName = new LinkedHashMap<>();
        for (Environment e : declared) {
            byName.put(e.name(), e);
        }
        Optional<SamConfigFile> sam = SamConfigFile.read(samConfig);
        TreeSet<String> known = new TreeSet<>(byName.keySet());
        sam.ifPresent(s -> known.addAll(s.stages()));
        known.add(Environment.LOCAL);
        if (requested == null || requested.isBlank()) {
            throw new ConfigException("No stage selected: add -Denv=<stage> (known stages: " + String.join(", ", known) + ").");
        }
        if (Environment.LOCAL.equals(requested) && !byName.containsKey(requested)) {
            return withDefaults(Environment.builder(Environment.LOCAL).build());
        }
        if (!known.contains(requested)) {
            throw new ConfigException("Unknown stage -Denv=" + requested + " (known stages: " + String.join(", ", known)
                    + "); declare it as an <environment> in the samstage plugin configuration.");
        }
        String invalidName = StageNames.problem(requested, byName.containsKey(requested)
                ? "<environment><name>" + requested + "</name>" : "samconfig.toml table [" + requested + ".deploy.parameters]");
        if (invalidName != null) {
            throw new ConfigException(invalidName);
        }
        List<ConfigLayer> layers = new ArrayList<>();
        sam.flatMap(s -> s.stage(requested).map(e -> new ConfigLayer(e, field -> s.origin(requested, field),
                Optional.empty(), Optional.empty()))).ifPresent(layers::add);
        Optional.ofNullable(byName.get(requested)).map(ConfigLayer::declared).ifPresent(layers::add);
        layers.add(StageOverrides.layer(requested, overrides));
        EnvironmentMerge.Merged merged = EnvironmentMerge.merge(requested, layers);
        if (Environment.LOCAL.equals(requested)) {
            return withDefaults(merged.environment());
        }
        Environment e = merged.environment();
        Environment.Builder b = e.toBuilder().production(e.production() || isProductionName(e.name()));
        if (e.regions().isEmpty()) {
            defaultRegion().ifPresent(r -> b.regions(List.of(r)));
        }
        merged = new EnvironmentMerge.Merged(b.build(), merged.origins());
        List<String> problems = EnvironmentRules.problems(merged, baseDirectory);
        Environment resolved = withDefaults(merged.environment());
        if (isBlank(merged.environment().stackName())
                && !EnvironmentRules.STACK_NAME.matcher(resolved.stackName()).matches()) {
            problems.add("The stack name '" + resolved.stackName() + "' made of the project name '" + projectName
                    + "' and the stage name is not a CloudFormation stack name (a letter, then up to 127 letters, digits "
                    + "and hyphens); set <stackName> in the stage's <environment> or -D" + StagePropertyNames.STACK_NAME + ".");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return resolved;
    }

    Environment withDefaults(Environment e) {
        Environment.Builder b = e.toBuilder();
        if (isBlank(e.stackName())) {
            b.stackName(Environment.defaultStackName(projectName, e.name()));
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
        if (e.templateConfiguration() != null && !e.templateConfiguration().isAbsolute()) {
            // read later by the deploy, whose working directory need not be the project's (mvn -f, a reactor module)
            b.templateConfiguration(baseDirectory.resolve(e.templateConfiguration()));
        }
        return b.build();
    }

    /** The deployment role: the explicit ARN, else {@code arn:aws:iam::<account>:role/<project>-<region>-DeploymentRole}. */
    public String deploymentRoleArn(Environment e, String region) {
        return e.explicitRoleArn().orElseGet(() ->
                "arn:aws:iam::" + e.accountId() + ":role/" + projectName + "-" + region + "-DeploymentRole");
    }

    /** Whether a role is to be assumed at all: an explicit role, or an account for the conventional one. */
    public static boolean assumesRole(Environment e) {
        return e.explicitRoleArn().isPresent() || !isBlank(e.accountId());
    }

    static boolean isProductionName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("prod") || n.equals("production");
    }

    private Optional<String> defaultRegion() {
        for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String v = environmentVariables.get(variable);
            if (!isBlank(v)) {
                return Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
