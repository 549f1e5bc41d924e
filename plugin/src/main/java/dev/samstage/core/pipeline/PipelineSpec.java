package dev.samstage.core.pipeline;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the pipeline templates are derived from: the project and its stages in release order.
 *
 * @param projectName           the SAM service's name; prefixes stacks, roles, functions and the pipeline
 * @param environments          the stages in release order (the {@code local} stage is not allowed)
 * @param source                where the pipeline reads its source
 * @param artifactRetentionDays how long superseded artifact versions stay in the bucket, so that
 *                              CloudFormation can still roll back to them (at least 30)
 * @param buildImage            the CodeBuild image running Maven
 * @param deploymentRole        what the service adds to the generated deployment role
 */
public record PipelineSpec(
        String projectName,
        List<Environment> environments,
        SourceKind source,
        int artifactRetentionDays,
        String buildImage,
        DeploymentRoleExtension deploymentRole) {

    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final String DEFAULT_BUILD_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{0,30}[a-z0-9]");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    public PipelineSpec(String projectName, List<Environment> environments, SourceKind source, int artifactRetentionDays,
                        String buildImage) {
        this(projectName, environments, source, artifactRetentionDays, buildImage, DeploymentRoleExtension.NONE);
    }

    public PipelineSpec {
        Objects.requireNonNull(source, "source");
        deploymentRole = deploymentRole == null ? DeploymentRoleExtension.NONE : deploymentRole;
        environments = List.copyOf(Objects.requireNonNull(environments, "environments"));
        buildImage = buildImage == null || buildImage.isBlank() ? DEFAULT_BUILD_IMAGE : buildImage;
        List<String> problems = new ArrayList<>();
        if (projectName == null || !PROJECT.matcher(projectName).matches()) {
            problems.add("Project name '" + projectName + "' cannot name pipeline resources: use 2-32 lower-case letters,"
                    + " digits and dashes (set <projectName> in the samstage configuration).");
        }
        if (environments.isEmpty()) {
            problems.add("No <environment> declared: the pipeline needs at least one stage besides 'local'.");
        }
        Set<String> names = new HashSet<>();
        for (Environment e : environments) {
            String where = "<environment> '" + e.name() + "'";
            if (e.isLocal()) {
                problems.add(where + " runs in-JVM and cannot be a pipeline stage; leave it out of the release order.");
                continue;
            }
            if (!names.add(e.name())) {
                problems.add(where + " is declared twice.");
            }
            if (e.accountId() == null || !ACCOUNT.matcher(e.accountId()).matches()) {
                problems.add(where + " has <accountId>" + e.accountId() + "</accountId>; the pipeline needs its 12-digit account id.");
            }
            if (e.region().isEmpty() || !REGION.matcher(e.region().get()).matches()) {
                problems.add(where + " has no valid <region> (got " + e.regions() + "); set e.g. <region>eu-west-1</region>.");
            }
        }
        if (artifactRetentionDays < 30) {
            problems.add("Artifact retention of " + artifactRetentionDays + " days is too short for CloudFormation"
                    + " rollbacks; set -Dsamstage.pipeline.retentionDays to 30 or more.");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    public static PipelineSpec of(String projectName, List<Environment> environments, SourceKind source) {
        return new PipelineSpec(projectName, environments, source, DEFAULT_RETENTION_DAYS, DEFAULT_BUILD_IMAGE);
    }

    /** The distinct stage accounts, in release order. */
    public List<String> stageAccounts() {
        return environments.stream().map(Environment::accountId).distinct().toList();
    }

    /** The stack name a stage deploys: explicit, else {@link Environment#defaultStackName the default}. */
    public String stackNameOf(Environment e) {
        return e.stackName() == null || e.stackName().isBlank() ? Environment.defaultStackName(projectName, e.name())
                : e.stackName();
    }

    /** The deployment role name by convention, {@code <project>-<region>-DeploymentRole}. */
    public String deploymentRoleName(String region) {
        return projectName + "-" + region + "-DeploymentRole";
    }

    /** The DynamoDB table holding the release ledger in each stage account. */
    public String releaseTableName() {
        return projectName + "-releases";
    }
}
