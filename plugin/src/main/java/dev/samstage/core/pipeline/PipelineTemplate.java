package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.allow;
import static dev.samstage.core.pipeline.Cfn.getAtt;
import static dev.samstage.core.pipeline.Cfn.importValue;
import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.output;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import dev.samstage.core.config.Environment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline in the build account: source, build ({@code mvn package-stage}), then one stage
 * per environment in release order (see {@link EnvironmentStage}); artifacts encrypted with the
 * base stack's key; failures published to an SNS topic by an EventBridge rule.
 *
 * <p>The pipeline runs in {@code SUPERSEDED} mode: a newer execution waits before a stage
 * that is busy and replaces an older waiting one, the same rule the release ledger applies.</p>
 */
final class PipelineTemplate {

    static final String BUILD_OUTPUT = "BuildOutput";
    private static final String SOURCE_OUTPUT = "SourceOutput";
    private static final String BASE = "BaseStackName";

    private final PipelineSpec spec;

    PipelineTemplate(PipelineSpec spec) {
        this.spec = spec;
    }

    Map<String, Object> template() {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("ApprovalTopic", resource("AWS::SNS::Topic", map(
                "TopicName", spec.projectName() + "-approvals",
                "DisplayName", spec.projectName() + " release approvals")));
        resources.put("FailureTopic", resource("AWS::SNS::Topic", map(
                "TopicName", spec.projectName() + "-pipeline-failures",
                "DisplayName", spec.projectName() + " pipeline failures")));
        resources.put("FailureTopicPolicy", resource("AWS::SNS::TopicPolicy", map(
                "Topics", list(ref("FailureTopic")),
                "PolicyDocument", map("Version", "2012-10-17", "Statement", list(map(
                        "Effect", "Allow",
                        "Principal", map("Service", "events.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Resource", ref("FailureTopic")))))));
        resources.put("BuildRole", buildRole());
        resources.put("PipelineRole", new PipelineRoles(spec).pipelineRole());
        resources.put("UnitTestReports", resource("AWS::CodeBuild::ReportGroup", map(
                "Name", spec.projectName() + "-unit-tests",
                "Type", "TEST",
                "ExportConfig", map("ExportConfigType", "NO_EXPORT"))));
        resources.put("PackageProject", codeBuildProject(spec, "package", "Builds, unit-tests and packages " + spec.projectName(),
                sub(BuildSpecs.packaging(spec.environments().get(0).name(), "${UnitTestReports.Arn}"))));

        List<Object> stages = new ArrayList<>();
        stages.add(map("Name", "Source", "Actions", list(new PipelineSources(spec.source()).action(SOURCE_OUTPUT))));
        stages.add(map("Name", "Build", "Actions", list(map(
                "Name", "Package",
                "ActionTypeId", map("Category", "Build", "Owner", "AWS", "Provider", "CodeBuild", "Version", "1"),
                "Configuration", map("ProjectName", ref("PackageProject")),
                "InputArtifacts", list(map("Name", SOURCE_OUTPUT)),
                "OutputArtifacts", list(map("Name", BUILD_OUTPUT)),
                "RunOrder", 1))));
        for (Environment e : spec.environments()) {
            stages.add(new EnvironmentStage(spec, e).addTo(resources));
        }
        resources.put("Pipeline", resource("AWS::CodePipeline::Pipeline", map(
                "Name", spec.projectName(),
                "PipelineType", "V2",
                "ExecutionMode", "SUPERSEDED",
                "RoleArn", getAtt("PipelineRole", "Arn"),
                "ArtifactStore", map(
                        "Type", "S3",
                        "Location", bucketName(),
                        "EncryptionKey", map("Id", keyArn(), "Type", "KMS")),
                "Stages", stages)));
        resources.put("PipelineFailureRule", resource("AWS::Events::Rule", map(
                "Description", "Publishes failed executions of the " + spec.projectName() + " pipeline",
                "State", "ENABLED",
                "EventPattern", map(
                        "source", list("aws.codepipeline"),
                        "detail-type", list("CodePipeline Pipeline Execution State Change"),
                        "detail", map("state", list("FAILED"), "pipeline", list(ref("Pipeline")))),
                "Targets", list(map("Arn", ref("FailureTopic"), "Id", "FailureTopic")))));
        new PipelineSources(spec.source()).addTriggers(resources);

        Map<String, Object> parameters = map(BASE, map("Type", "String",
                "Default", spec.projectName() + "-pipeline-base",
                "Description", "Name of the stack deployed from the build account base template"));
        parameters.putAll(new PipelineSources(spec.source()).parameters());
        return map(
                "AWSTemplateFormatVersion", "2010-09-09",
                "Description", "samstage pipeline for " + spec.projectName() + ": "
                        + String.join(" -> ", spec.environments().stream().map(Environment::name).toList()),
                "Parameters", parameters,
                "Resources", resources,
                "Outputs", map(
                        "PipelineName", output("Pipeline", ref("Pipeline")),
                        "ApprovalTopicArn", output("Subscribe reviewers here", ref("ApprovalTopic")),
                        "FailureTopicArn", output("Subscribe to pipeline failures here", ref("FailureTopic"))));
    }

    static Object bucketName() {
        return importValue(sub("${" + BASE + "}-" + BuildAccountTemplate.BUCKET_EXPORT));
    }

    static Object keyArn() {
        return importValue(sub("${" + BASE + "}-" + BuildAccountTemplate.KEY_EXPORT));
    }

    /** {@code arn:<partition>:s3:::<bucket>/*} for the imported bucket name. */
    static Object artifactObjects() {
        return map("Fn::Join", list("", list("arn:", ref("AWS::Partition"), ":s3:::", bucketName(), "/*")));
    }

    static Object artifactBucketArn() {
        return map("Fn::Join", list("", list("arn:", ref("AWS::Partition"), ":s3:::", bucketName())));
    }

    /** A CodeBuild project named {@code <project>-<suffix>}, so the pipeline role can be scoped to the prefix. */
    static Map<String, Object> codeBuildProject(PipelineSpec spec, String suffix, String description, Object buildSpec) {
        return resource("AWS::CodeBuild::Project", map(
                "Name", spec.projectName() + "-" + suffix,
                "Description", description,
                "ServiceRole", getAtt("BuildRole", "Arn"),
                "EncryptionKey", keyArn(),
                "Source", map("Type", "CODEPIPELINE", "BuildSpec", buildSpec),
                "Artifacts", map("Type", "CODEPIPELINE"),
                "Environment", map(
                        "Type", "LINUX_CONTAINER",
                        "ComputeType", "BUILD_GENERAL1_MEDIUM",
                        "Image", spec.buildImage()),
                "Cache", map("Type", "LOCAL", "Modes", list("LOCAL_CUSTOM_CACHE")),
                "TimeoutInMinutes", 60));
    }

    private Map<String, Object> buildRole() {
        List<Object> stageRoles = new ArrayList<>();
        for (Environment e : spec.environments()) {
            if (e.explicitRoleArn().isPresent()) {
                stageRoles.add(e.explicitRoleArn().get());
            } else {
                for (String region : e.regions()) {
                    Object entry = sub("arn:${AWS::Partition}:iam::" + e.accountId() + ":role/" + spec.deploymentRoleName(region));
                    if (!stageRoles.contains(entry)) {
                        stageRoles.add(entry);
                    }
                }
            }
        }
        String p = spec.projectName();
        return resource("AWS::IAM::Role", map(
                "Description", "Runs the Maven builds of the " + p + " pipeline",
                "AssumeRolePolicyDocument", map("Version", "2012-10-17", "Statement", list(map(
                        "Effect", "Allow",
                        "Principal", map("Service", "codebuild.amazonaws.com"),
                        "Action", "sts:AssumeRole"))),
                "Policies", list(map("PolicyName", "build-" + p, "PolicyDocument", Cfn.policyDocument(
                        allow(list("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                                sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/*")),
                        // packaging: PutObject also covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload
                        allow(list("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload",
                                "s3:ListMultipartUploadParts"), artifactObjects()),
                        // HeadBucket needs ListBucket; without it S3 answers a HeadObject on a missing key with 403, not 404
                        allow(list("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"),
                                artifactBucketArn()),
                        allow(list("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"), keyArn()),
                        allow(list("codebuild:CreateReport", "codebuild:UpdateReport", "codebuild:BatchPutTestCases",
                                "codebuild:BatchPutCodeCoverages"),
                                sub("arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:report-group/" + p + "-*")),
                        // the builds deploy by assuming each stage's deployment role, nothing else
                        allow(list("sts:AssumeRole"), stageRoles))))));
    }
}
