package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.allow;
import static dev.samstage.core.pipeline.Cfn.getAtt;
import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.output;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import dev.samstage.core.config.Environment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stage account and region: the deployment role {@code <project>-<region>-DeploymentRole}
 * that the build account assumes, and the release ledger table. The role may only touch this
 * service: stacks named with its prefix, its functions, layers, roles, APIs, CodeDeploy
 * applications and log groups; {@code iam:PassRole} only for its own roles. Beyond what every SAM
 * service has, it may manage the resource types a typical one declares (see
 * {@link ServiceResourceStatements}); others come from the pom's {@code <deploymentRole>} or the
 * stack parameter {@code ExtraManagedPolicyArns}.
 */
final class DeploymentRoleTemplate {

    private static final String TRANSFORM = "arn:${AWS::Partition}:cloudformation:${AWS::Region}:aws:transform/Serverless-2016-10-31";

    static final String EXTRA_POLICIES = "ExtraManagedPolicyArns";
    private static final String NO_EXTRA_POLICIES = "NoExtraManagedPolicies";

    private final PipelineSpec spec;
    private final String account;
    private final String region;
    private final List<Environment> stages;

    DeploymentRoleTemplate(PipelineSpec spec, String account, String region, List<Environment> stages) {
        this.spec = spec;
        this.account = account;
        this.region = region;
        this.stages = List.copyOf(stages);
    }

    String fileName() {
        return spec.projectName() + "-deployment-role-" + account + "-" + region + ".yaml";
    }

    Map<String, Object> template() {
        return map(
                "AWSTemplateFormatVersion", "2010-09-09",
                "Description", "samstage deployment role and release ledger for " + spec.projectName() + " in account "
                        + account + ", region " + region + " (stages: "
                        + String.join(", ", stages.stream().map(Environment::name).toList()) + "). For resource types"
                        + " beyond the defaults, add statements or policies with <deploymentRole> in the pom and write"
                        + " the templates again, or pass policy ARNs in ExtraManagedPolicyArns.",
                "Parameters", map(
                        "BuildAccountId", map("Type", "String", "AllowedPattern", "^\\d{12}$",
                                "Description", "Account that runs the pipeline and assumes this role"),
                        "ArtifactBucket", map("Type", "String", "MinLength", 3,
                                "Description", "Artifact bucket in the build account (output ArtifactBucket of the base stack)"),
                        "ArtifactKeyArn", map("Type", "String", "AllowedPattern", "^arn:aws[a-z-]*:kms:.+$",
                                "Description", "Artifact KMS key in the build account (output ArtifactKeyArn of the base stack)"),
                        EXTRA_POLICIES, map("Type", "CommaDelimitedList", "Default", "",
                                "Description", "Managed policy ARNs added to the deployment role for resource types of the"
                                        + " service beyond the defaults (the pom's <deploymentRole> adds statements and"
                                        + " policies when the templates are written)")),
                "Conditions", map(NO_EXTRA_POLICIES, map("Fn::Equals", list(map("Fn::Join", list("", ref(EXTRA_POLICIES))), ""))),
                "Resources", map(
                        "DeploymentRole", role(),
                        "ReleaseTable", releaseTable()),
                "Outputs", map(
                        "DeploymentRoleArn", output("Role the pipeline assumes to deploy", getAtt("DeploymentRole", "Arn")),
                        "ReleaseTableName", output("Release ledger of the stages in this account", ref("ReleaseTable"))));
    }

    private Map<String, Object> role() {
        Map<String, Object> trust = map("Version", "2012-10-17", "Statement", list(map(
                "Effect", "Allow",
                "Principal", map("AWS", sub("arn:${AWS::Partition}:iam::${BuildAccountId}:root")),
                "Action", "sts:AssumeRole")));
        return resource("AWS::IAM::Role", map(
                "RoleName", spec.deploymentRoleName(region),
                "Description", "Deploys " + spec.projectName() + " stacks from the pipeline in the build account",
                "MaxSessionDuration", 3600,
                "AssumeRolePolicyDocument", trust,
                "ManagedPolicyArns", managedPolicies(),
                "Policies", list(map("PolicyName", "deploy-" + spec.projectName(), "PolicyDocument", map(
                        "Version", "2012-10-17", "Statement", statements())))));
    }

    /**
     * The pom's {@code <deploymentRole><managedPolicyArns>}, then the stack parameter
     * {@code ExtraManagedPolicyArns} when set: the service's own resource types beyond the defaults.
     */
    private Map<String, Object> managedPolicies() {
        List<Object> fromPom = new ArrayList<>(spec.deploymentRole().managedPolicyArns());
        Object withExtra = ref(EXTRA_POLICIES);
        if (!fromPom.isEmpty()) {
            List<Object> joined = new ArrayList<>(fromPom);
            joined.add(map("Fn::Join", list(",", ref(EXTRA_POLICIES))));
            withExtra = map("Fn::Split", list(",", map("Fn::Join", list(",", joined))));
        }
        return map("Fn::If", list(NO_EXTRA_POLICIES, fromPom.isEmpty() ? ref("AWS::NoValue") : fromPom, withExtra));
    }

    private List<Object> statements() {
        List<Object> stackArns = new ArrayList<>();
        stackArns.add(sub("arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/"
                + spec.projectName() + "-*/*"));
        // explicit stack names outside the project prefix are listed one by one
        stages.stream().map(spec::stackNameOf).filter(n -> !n.startsWith(spec.projectName() + "-")).distinct().forEach(n ->
                stackArns.add(sub("arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/" + n + "/*")));
        List<Object> changeSetTargets = new ArrayList<>(stackArns);
        changeSetTargets.add(sub(TRANSFORM));
        List<Object> statements = list(
                // DeleteStack replaces a first create that rolled back; SetStackPolicy applies the template configuration's
                sid("Stacks", allow(list("cloudformation:CreateChangeSet", "cloudformation:DescribeChangeSet",
                        "cloudformation:ExecuteChangeSet", "cloudformation:DeleteChangeSet",
                        "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents",
                        "cloudformation:DescribeStackResources", "cloudformation:DeleteStack",
                        "cloudformation:SetStackPolicy"), changeSetTargets)),
                sid("Functions", allow(list("lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction",
                        "lambda:GetFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                        "lambda:PublishVersion", "lambda:ListVersionsByFunction", "lambda:CreateAlias", "lambda:UpdateAlias",
                        "lambda:DeleteAlias", "lambda:GetAlias", "lambda:AddPermission", "lambda:RemovePermission",
                        "lambda:TagResource", "lambda:UntagResource", "lambda:ListTags",
                        "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:GetPolicy",
                        "lambda:GetFunctionCodeSigningConfig", "lambda:GetRuntimeManagementConfig",
                        "lambda:PutRuntimeManagementConfig"),
                        scoped("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:{prefix}*"))),
                sid("Layers", allow(list("lambda:PublishLayerVersion", "lambda:GetLayerVersion", "lambda:DeleteLayerVersion"),
                        scoped("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:layer:{prefix}*",
                                "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:layer:{prefix}*:*"))),
                sid("ServiceRoles", allow(list("iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:TagRole",
                        "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                        "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy"), ownRoles())),
                sid("PassOwnRolesOnly", allow(list("iam:PassRole"), ownRoles())),
                sid("Apis", allow(list("apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH",
                        "apigateway:DELETE"), list(sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis"),
                        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/*"),
                        sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/tags/*")))),
                // CloudFormation creates, runs and stops the deployments; samstage follows them (List*, BatchGet*)
                sid("TrafficShifting", allow(list("codedeploy:CreateApplication", "codedeploy:DeleteApplication",
                        "codedeploy:GetApplication", "codedeploy:CreateDeploymentGroup", "codedeploy:UpdateDeploymentGroup",
                        "codedeploy:DeleteDeploymentGroup", "codedeploy:GetDeploymentGroup", "codedeploy:ListDeploymentGroups",
                        "codedeploy:CreateDeployment", "codedeploy:GetDeployment", "codedeploy:StopDeployment",
                        "codedeploy:ListDeployments", "codedeploy:BatchGetDeployments", "codedeploy:ListDeploymentTargets",
                        "codedeploy:BatchGetDeploymentTargets", "codedeploy:RegisterApplicationRevision",
                        "codedeploy:GetApplicationRevision", "codedeploy:TagResource"),
                        scoped("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:application:{prefix}*",
                                "arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:{prefix}*/*"))),
                sid("DeploymentConfigs", allow(list("codedeploy:GetDeploymentConfig"),
                        sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentconfig:*"))),
                sid("Alarms", allow(list("cloudwatch:DescribeAlarms"),
                        sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"))),
                sid("OwnAlarms", allow(list("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"),
                        scoped("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:{prefix}*"))),
                sid("LogGroups", allow(list("logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy",
                        "logs:TagResource"),
                        scoped("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/{prefix}*"))),
                sid("ReadArtifacts", allow(list("s3:GetObject", "s3:GetObjectVersion"),
                        sub("arn:${AWS::Partition}:s3:::${ArtifactBucket}/*"))),
                sid("DecryptArtifacts", allow(list("kms:Decrypt", "kms:DescribeKey"), ref("ArtifactKeyArn"))),
                sid("ReleaseLedger", allow(list("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:ConditionCheckItem", "dynamodb:Query", "dynamodb:DescribeTable"),
                        getAtt("ReleaseTable", "Arn"))));
        statements.addAll(regionalArtifacts());
        statements.addAll(ServiceResourceStatements.of(patterns -> scoped(patterns), spec.projectName()));
        statements.addAll(spec.deploymentRole().statements());
        return statements;
    }

    /**
     * A stage in several regions with a bucket per region: deploying to this region copies the
     * artifacts from the primary region's bucket into this region's (CloudFormation and Lambda read
     * code from a bucket in the stack's region). HeadObject on a missing copy needs ListBucket to
     * answer 404 rather than 403.
     */
    private List<Map<String, Object>> regionalArtifacts() {
        Set<String> from = new LinkedHashSet<>();
        Set<String> to = new LinkedHashSet<>();
        for (Environment e : stages) {
            String primary = e.regions().get(0);
            Optional<String> fromBucket = e.bucketFor(primary);
            Optional<String> toBucket = e.bucketFor(region);
            if (!region.equals(primary) && fromBucket.isPresent() && toBucket.isPresent() && !fromBucket.equals(toBucket)) {
                from.add(fromBucket.get());
                to.add(toBucket.get());
            }
        }
        if (to.isEmpty()) {
            return List.of();
        }
        return List.of(
                sid("ReadPrimaryRegionArtifacts", allow(list("s3:GetObject"), s3Arns(from, "/*"))),
                sid("WriteRegionalArtifacts", allow(list("s3:GetObject", "s3:PutObject"), s3Arns(to, "/*"))),
                sid("LocateRegionalArtifacts", allow(list("s3:ListBucket"), s3Arns(to, ""))));
    }

    private static List<Object> s3Arns(Set<String> buckets, String suffix) {
        List<Object> arns = new ArrayList<>();
        buckets.forEach(b -> arns.add(sub("arn:${AWS::Partition}:s3:::" + b + suffix)));
        return arns;
    }

    private List<Object> ownRoles() {
        return scoped("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/{prefix}*");
    }

    /**
     * Name prefixes of what this service creates: {@code <project>-}, plus {@code <stack>-} for an
     * explicit stack name outside it (SAM names functions, roles and applications after the stack).
     */
    private List<String> prefixes() {
        List<String> prefixes = new ArrayList<>();
        prefixes.add(spec.projectName() + "-");
        stages.stream().map(spec::stackNameOf).filter(n -> !n.startsWith(spec.projectName() + "-")).distinct()
                .forEach(n -> prefixes.add(n + "-"));
        return prefixes;
    }

    /** Each pattern with {@code {prefix}} replaced by every name prefix, as {@code Fn::Sub}s. */
    List<Object> scoped(String... patterns) {
        List<Object> arns = new ArrayList<>();
        for (String prefix : prefixes()) {
            for (String pattern : patterns) {
                arns.add(sub(pattern.replace("{prefix}", prefix)));
            }
        }
        return arns;
    }

    private static Map<String, Object> sid(String sid, Map<String, Object> statement) {
        Map<String, Object> withSid = map("Sid", sid);
        withSid.putAll(statement);
        return withSid;
    }

    private Map<String, Object> releaseTable() {
        Map<String, Object> table = resource("AWS::DynamoDB::Table", map(
                "TableName", spec.releaseTableName(),
                "BillingMode", "PAY_PER_REQUEST",
                "AttributeDefinitions", list(
                        map("AttributeName", "pk", "AttributeType", "S"),
                        map("AttributeName", "sk", "AttributeType", "S")),
                "KeySchema", list(
                        map("AttributeName", "pk", "KeyType", "HASH"),
                        map("AttributeName", "sk", "KeyType", "RANGE")),
                "PointInTimeRecoverySpecification", map("PointInTimeRecoveryEnabled", true),
                "SSESpecification", map("SSEEnabled", true)));
        // the ledger is the audit trail of approvals: keep it when the stack goes
        table.put("DeletionPolicy", "Retain");
        table.put("UpdateReplacePolicy", "Retain");
        return table;
    }
}
