package dev.samstage.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage, resolved: pom configuration merged with {@code samconfig.toml} and {@code -D}
 * overrides. Immutable; build it with {@link #builder(String)}.
 *
 * @param name                  stage name as given to {@code -Denv}
 * @param accountId             12-digit AWS account id (absent for the local stage)
 * @param regions               one or more regions; the first is the primary one
 * @param roleArn               explicit deployment role, or empty for the naming convention
 * @param externalId            external id for assuming the role
 * @param stackName             CloudFormation stack name
 * @param bucket                artifact bucket (per primary region)
 * @param regionBuckets         artifact bucket per extra region
 * @param prefix                S3 key prefix for artifacts
 * @param kmsKeyId              KMS key id, ARN or alias for SSE-KMS; empty means SSE-S3
 * @param parameterOverrides    stack parameters
 * @param templateConfiguration CodePipeline-style template configuration file
 * @param tags                  stack tags
 * @param notificationArns      SNS topics for stack events
 * @param suiteTag              JUnit tag of the suite run against the stage
 * @param requiresApproval      whether executing the change set needs a reviewed change set id
 * @param production            whether the stage is production (drives defaults)
 * @param deploymentPreference  CodeDeploy deployment configuration type for aliased functions
 * @param alarms                CloudWatch alarm names guarding traffic shifting
 * @param capabilities          capabilities granted in addition to those the template needs
 * @param cloudFormationRoleArn service role CloudFormation assumes to run the change set
 * @param generatedAlarms       alarms samstage adds to guard traffic shifting:
 *                              {@code lambda-errors} (errors of the alias's new version), {@code api-5xx}
 *                              ({@code role_arn} in samconfig.toml); empty means the caller's
 */
public record Environment(
        String name,
        String accountId,
        List<String> regions,
        String roleArn,
        String externalId,
        String stackName,
        String bucket,
        Map<String, String> regionBuckets,
        String prefix,
        String kmsKeyId,
        Map<String, String> parameterOverrides,
        Path templateConfiguration,
        Map<String, String> tags,
        List<String> notificationArns,
        String suiteTag,
        boolean requiresApproval,
        boolean production,
        String deploymentPreference,
        List<String> alarms,
        List<String> capabilities,
        String cloudFormationRoleArn,
        List<String> generatedAlarms) {

    /** The name of the stage that runs in-JVM with no AWS. */
    public static final String LOCAL = "local";

    public Environment {
        Objects.requireNonNull(name, "name");
        regions = List.copyOf(regions == null ? List.of() : regions);
        regionBuckets = Map.copyOf(regionBuckets == null ? Map.of() : regionBuckets);
        parameterOverrides = Map.copyOf(parameterOverrides == null ? Map.of() : parameterOverrides);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
        notificationArns = List.copyOf(notificationArns == null ? List.of() : notificationArns);
        alarms = List.copyOf(alarms == null ? List.of() : alarms);
        generatedAlarms = List.copyOf(generatedAlarms == null ? List.of() : generatedAlarms);
        capabilities = List.copyOf(capabilities == null ? List.of() : capabilities);
    }

    /**
     * The stage's settings without parameter values (a {@code NoEcho} parameter carries a
     * secret) and without the external id.
     */
    @Override
    public String toString() {
        return "Environment[name=" + name + ", accountId=" + accountId + ", regions=" + regions + ", stackName=" + stackName
                + ", bucket=" + bucket + ", prefix=" + prefix + ", parameters=" + new java.util.TreeSet<>(parameterOverrides.keySet())
                + ", suiteTag=" + suiteTag + ", production=" + production + "]";
    }

    public boolean isLocal() {
        return LOCAL.equals(name);
    }

    /** The primary region, if any was configured. */
    public Optional<String> region() {
        return regions.isEmpty() ? Optional.empty() : Optional.of(regions.get(0));
    }

    public Optional<String> kmsKey() {
        return Optional.ofNullable(kmsKeyId).filter(s -> !s.isBlank());
    }

    public Optional<String> cloudFormationRole() {
        return Optional.ofNullable(cloudFormationRoleArn).filter(s -> !s.isBlank());
    }

    public Optional<String> explicitRoleArn() {
        return Optional.ofNullable(roleArn).filter(s -> !s.isBlank());
    }

    /** The bucket for artifacts deployed to {@code region}. */
    public Optional<String> bucketFor(String region) {
        if (regionBuckets.containsKey(region)) {
            return Optional.of(regionBuckets.get(region));
        }
        return Optional.ofNullable(bucket).filter(s -> !s.isBlank());
    }

    /**
     * The stack name of a stage without {@code <stackName>}: {@code <project>-<stage>}. Maven
     * allows dots and underscores in an artifactId (com.example.orders, orders_api), CloudFormation
     * only letters, digits and hyphens, so in the project name each run of other characters
     * becomes one hyphen. The stage name is kept as written: two stages must not share a stack.
     */
    public static String defaultStackName(String projectName, String stageName) {
        return projectName.replaceAll("[^-a-zA-Z0-9]+", "-") + "-" + stageName;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.accountId = accountId;
        b.regions = regions;
        b.roleArn = roleArn;
        b.externalId = externalId;
        b.stackName = stackName;
        b.bucket = bucket;
        b.regionBuckets = regionBuckets;
        b.prefix = prefix;
        b.kmsKeyId = kmsKeyId;
        b.parameterOverrides = parameterOverrides;
        b.templateConfiguration = templateConfiguration;
        b.tags = tags;
        b.notificationArns = notificationArns;
        b.suiteTag = suiteTag;
        b.requiresApproval = requiresApproval;
        b.production = production;
        b.deploymentPreference = deploymentPreference;
        b.alarms = alarms;
        b.capabilities = capabilities;
        b.cloudFormationRoleArn = cloudFormationRoleArn;
        b.generatedAlarms = generatedAlarms;
        return b;
    }

    /** Mutable builder; {@link #build()} gives the immutable record. */
    public static final class Builder {
        private final String name;
        private String accountId;
        private List<String> regions = List.of();
        private String roleArn;
        private String externalId;
        private String stackName;
        private String bucket;
        private Map<String, String> regionBuckets = Map.of();
        private String prefix;
        private String kmsKeyId;
        private Map<String, String> parameterOverrides = Map.of();
        private Path templateConfiguration;
        private Map<String, String> tags = Map.of();
        private List<String> notificationArns = List.of();
        private String suiteTag;
        private boolean requiresApproval;
        private boolean production;
        private String deploymentPreference;
        private List<String> alarms = List.of();
        private List<String> capabilities = List.of();
        private String cloudFormationRoleArn;
        private List<String> generatedAlarms = List.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder accountId(String v) { accountId = v; return this; }
        public Builder regions(List<String> v) { regions = v; return this; }
        public Builder roleArn(String v) { roleArn = v; return this; }
        public Builder externalId(String v) { externalId = v; return this; }
        public Builder stackName(String v) { stackName = v; return this; }
        public Builder bucket(String v) { bucket = v; return this; }
        public Builder regionBuckets(Map<String, String> v) { regionBuckets = v; return this; }
        public Builder prefix(String v) { prefix = v; return this; }
        public Builder kmsKeyId(String v) { kmsKeyId = v; return this; }
        public Builder parameterOverrides(Map<String, String> v) { parameterOverrides = v; return this; }
        public Builder templateConfiguration(Path v) { templateConfiguration = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder notificationArns(List<String> v) { notificationArns = v; return this; }
        public Builder suiteTag(String v) { suiteTag = v; return this; }
        public Builder requiresApproval(boolean v) { requiresApproval = v; return this; }
        public Builder production(boolean v) { production = v; return this; }
        public Builder deploymentPreference(String v) { deploymentPreference = v; return this; }
        public Builder alarms(List<String> v) { alarms = v; return this; }
        public Builder capabilities(List<String> v) { capabilities = v; return this; }
        public Builder cloudFormationRoleArn(String v) { cloudFormationRoleArn = v; return this; }
        public Builder generatedAlarms(List<String> v) { generatedAlarms = v; return this; }

        public Environment build() {
            return new Environment(name, accountId, regions, roleArn, externalId, stackName, bucket,
                    regionBuckets, prefix, kmsKeyId, parameterOverrides, templateConfiguration, tags,
                    notificationArns, suiteTag, requiresApproval, production, deploymentPreference, alarms,
                    capabilities, cloudFormationRoleArn, generatedAlarms);
        }
    }
}
