package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.allow;
import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import java.util.Map;

/** The role CodePipeline acts with: artifacts, its own CodeBuild projects, the approval topic and the source. */
final class PipelineRoles {

    private final PipelineSpec spec;

    PipelineRoles(PipelineSpec spec) {
        this.spec = spec;
    }

    Map<String, Object> pipelineRole() {
        String p = spec.projectName();
        return resource("AWS::IAM::Role", map(
                "Description", "Runs the " + p + " pipeline",
                "AssumeRolePolicyDocument", map("Version", "2012-10-17", "Statement", list(map(
                        "Effect", "Allow",
                        "Principal", map("Service", "codepipeline.amazonaws.com"),
                        "Action", "sts:AssumeRole"))),
                "Policies", list(map("PolicyName", "pipeline-" + p, "PolicyDocument", Cfn.policyDocument(
                        allow(list("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"), PipelineTemplate.artifactObjects()),
                        allow(list("s3:GetBucketVersioning", "s3:GetBucketLocation"), PipelineTemplate.artifactBucketArn()),
                        allow(list("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"),
                                PipelineTemplate.keyArn()),
                        allow(list("codebuild:StartBuild", "codebuild:BatchGetBuilds"),
                                sub("arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/" + p + "-*")),
                        allow(list("sns:Publish"), ref("ApprovalTopic")),
                        new PipelineSources(spec.source()).permissions())))));
    }
}
