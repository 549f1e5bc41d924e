package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.allow;
import static dev.samstage.core.pipeline.Cfn.getAtt;
import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import java.util.Map;

/** The source action of the pipeline for each {@link SourceKind}: its parameters, action, permissions and trigger. */
final class PipelineSources {

    private final SourceKind kind;

    PipelineSources(SourceKind kind) {
        this.kind = kind;
    }

    Map<String, Object> parameters() {
        Map<String, Object> branch = map("Type", "String", "Default", "main", "Description", "Branch the pipeline releases");
        return switch (kind) {
            case CONNECTION -> map(
                    "ConnectionArn", map("Type", "String", "AllowedPattern", "^arn:aws[a-z-]*:(codestar-connections|codeconnections):.+$",
                            "Description", "CodeStar (CodeConnections) connection to the repository host"),
                    "FullRepositoryId", map("Type", "String", "AllowedPattern", "^[^/]+/.+$",
                            "Description", "owner/repository"),
                    "BranchName", branch);
            case CODECOMMIT -> map(
                    "RepositoryName", map("Type", "String", "MinLength", 1, "Description", "CodeCommit repository"),
                    "BranchName", branch);
            case S3 -> map(
                    "SourceBucket", map("Type", "String", "MinLength", 3, "Description", "Versioned bucket holding the source zip"),
                    "SourceObjectKey", map("Type", "String", "Default", "source.zip", "Description", "Key of the source zip"));
        };
    }

    Map<String, Object> action(String output) {
        Map<String, Object> type;
        Map<String, Object> configuration;
        switch (kind) {
            case CONNECTION -> {
                type = map("Category", "Source", "Owner", "AWS", "Provider", "CodeStarSourceConnection", "Version", "1");
                configuration = map("ConnectionArn", ref("ConnectionArn"), "FullRepositoryId", ref("FullRepositoryId"),
                        "BranchName", ref("BranchName"), "OutputArtifactFormat", "CODEBUILD_CLONE_REF");
            }
            case CODECOMMIT -> {
                type = map("Category", "Source", "Owner", "AWS", "Provider", "CodeCommit", "Version", "1");
                // started by the EventBridge rule below rather than by polling
                configuration = map("RepositoryName", ref("RepositoryName"), "BranchName", ref("BranchName"),
                        "PollForSourceChanges", "false", "OutputArtifactFormat", "CODEBUILD_CLONE_REF");
            }
            default -> {
                type = map("Category", "Source", "Owner", "AWS", "Provider", "S3", "Version", "1");
                configuration = map("S3Bucket", ref("SourceBucket"), "S3ObjectKey", ref("SourceObjectKey"),
                        "PollForSourceChanges", "true");
            }
        }
        return map("Name", "Source", "ActionTypeId", type, "Configuration", configuration,
                "OutputArtifacts", list(map("Name", output)), "RunOrder", 1);
    }

    /** What the pipeline role needs to read the source. */
    Map<String, Object> permissions() {
        return switch (kind) {
            case CONNECTION -> allow(list("codestar-connections:UseConnection", "codeconnections:UseConnection"),
                    ref("ConnectionArn"));
            case CODECOMMIT -> allow(list("codecommit:GetBranch", "codecommit:GetCommit", "codecommit:GetRepository",
                    "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"),
                    repositoryArn());
            case S3 -> allow(list("s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketVersioning"),
                    list(sub("arn:${AWS::Partition}:s3:::${SourceBucket}"), sub("arn:${AWS::Partition}:s3:::${SourceBucket}/*")));
        };
    }

    /** CodeCommit pushes start the pipeline through EventBridge; the other kinds need nothing extra. */
    void addTriggers(Map<String, Object> resources) {
        if (kind != SourceKind.CODECOMMIT) {
            return;
        }
        Object pipelineArn = sub("arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}");
        resources.put("SourceTriggerRole", resource("AWS::IAM::Role", map(
                "AssumeRolePolicyDocument", map("Version", "2012-10-17", "Statement", list(map(
                        "Effect", "Allow",
                        "Principal", map("Service", "events.amazonaws.com"),
                        "Action", "sts:AssumeRole"))),
                "Policies", list(map("PolicyName", "start-pipeline", "PolicyDocument",
                        Cfn.policyDocument(allow(list("codepipeline:StartPipelineExecution"), pipelineArn)))))));
        resources.put("SourceTriggerRule", resource("AWS::Events::Rule", map(
                "Description", "Starts the pipeline on pushes to the released branch",
                "State", "ENABLED",
                "EventPattern", map(
                        "source", list("aws.codecommit"),
                        "detail-type", list("CodeCommit Repository State Change"),
                        "resources", list(repositoryArn()),
                        "detail", map("event", list("referenceCreated", "referenceUpdated"),
                                "referenceType", list("branch"),
                                "referenceName", list(ref("BranchName")))),
                "Targets", list(map("Arn", pipelineArn, "Id", "Pipeline", "RoleArn", getAtt("SourceTriggerRole", "Arn"))))));
    }

    private static Object repositoryArn() {
        return sub("arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${RepositoryName}");
    }
}
