package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <environment>} of the plugin configuration, as Maven binds it. Converted into
 * the immutable {@link Environment} before anything runs.
 *
 * <pre>{@code
 * <environments>
 *   <environment>
 *     <name>dev</name>
 *     <accountId>111111111111</accountId>
 *     <regions><region>eu-west-1</region></regions>
 *     <bucket>my-artifacts-eu-west-1</bucket>
 *   </environment>
 * </environments>
 * }</pre>
 */
public class EnvironmentElement {

    /** Stage name, selected with {@code -Denv}. Required. */
    private String name;
    /** 12-digit AWS account id of the stage. */
    private String accountId;
    /** Single region shorthand; {@code regions} wins when both are given. */
    private String region;
    /** Regions to deploy to; the first is the primary one. */
    private List<String> regions = new ArrayList<>();
    /** Explicit deployment role ARN; default {@code arn:aws:iam::<account>:role/<project>-<region>-DeploymentRole}. */
    private String roleArn;
    /** External id required by the deployment role's trust policy. */
    private String externalId;
    /** Stack name; default {@code <project>-<env>}. */
    private String stackName;
    /** Artifact bucket (primary region). */
    private String bucket;
    /** Artifact bucket per additional region (element name = region). */
    private Map<String, String> regionBuckets = new LinkedHashMap<>();
    /** S3 key prefix for artifacts; default the project's artifactId. */
    private String prefix;
    /** KMS key id, ARN or alias used to encrypt artifacts (SSE-KMS); SSE-S3 when absent. */
    private String kmsKeyId;
    /** Stack parameters (element name = parameter name). */
    private Map<String, String> parameterOverrides = new LinkedHashMap<>();
    /** CodePipeline-style template configuration file ({@code {"Parameters":{}, "Tags":{}}}). */
    private File templateConfiguration;
    /** Stack tags. */
    private Map<String, String> tags = new LinkedHashMap<>();
    /** SNS topic ARNs for stack events. */
    private List<String> notificationArns = new ArrayList<>();
    /** JUnit tag of the suite run against the stage; default {@code integration}, {@code sanity} in production. */
    private String suite;
    /** Whether executing a change set needs a reviewed change set id ({@code -Dsamstage.changeSet}). */
    private Boolean requiresApproval;
    /** Whether this stage is production; default true for the names {@code prod} and {@code production}. */
    private Boolean production;
    /** CodeDeploy deployment preference; default {@code AllAtOnce}, {@code Linear10PercentEvery1Minute} in production. */
    private String deploymentPreference;
    /** CloudWatch alarm names that roll a traffic shift back. */
    private List<String> alarms = new ArrayList<>();
    /**
     * Alarms samstage generates to guard traffic shifting: {@code lambda-errors} (errors of
     * the alias's new version only) and {@code api-5xx} (the REST API's 5XX responses).
     */
    private List<String> generatedAlarms = new ArrayList<>();

    /** The immutable core value. */
    Environment toCore() {
        if (name == null || name.isBlank()) {
            throw new dev.samstage.core.config.ConfigException("An <environment> of the samstage plugin configuration has no "
                    + "<name>" + (accountId == null ? "" : " (the one with <accountId>" + accountId + "</accountId>)")
                    + "; give every <environment> a <name>, such as dev.");
        }
        List<String> allRegions = new ArrayList<>(regions == null ? List.of() : regions);
        if (allRegions.isEmpty() && region != null && !region.isBlank()) {
            allRegions.add(region.trim());
        }
        boolean prod = production != null ? production : "prod".equals(name) || "production".equals(name);
        return Environment.builder(name)
                .accountId(accountId)
                .regions(allRegions)
                .roleArn(roleArn)
                .externalId(externalId)
                .stackName(stackName)
                .bucket(bucket)
                .regionBuckets(regionBuckets)
                .prefix(prefix)
                .kmsKeyId(kmsKeyId)
                .parameterOverrides(parameterOverrides)
                .templateConfiguration(templateConfiguration == null ? null : templateConfiguration.toPath())
                .tags(tags)
                .notificationArns(notificationArns)
                .suiteTag(suite)
                .requiresApproval(requiresApproval != null && requiresApproval)
                .production(prod)
                .deploymentPreference(deploymentPreference)
                .alarms(alarms)
                .generatedAlarms(generatedAlarms)
                .build();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "environment " + name;
    }
}
