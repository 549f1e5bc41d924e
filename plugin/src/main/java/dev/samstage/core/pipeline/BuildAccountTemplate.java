package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.exportedOutput;
import static dev.samstage.core.pipeline.Cfn.getAtt;
import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import java.util.List;
import java.util.Map;

/**
 * The build account's base: the KMS key that encrypts every artifact and the artifact bucket.
 * Stage accounts may read artifacts and decrypt them, nothing more; old object versions stay
 * for {@code ArtifactRetentionDays} so that CloudFormation can roll back to the templates and
 * code of earlier releases.
 */
final class BuildAccountTemplate {

    static final String BUCKET_EXPORT = "ArtifactBucket";
    static final String KEY_EXPORT = "ArtifactKeyArn";

    private final PipelineSpec spec;

    BuildAccountTemplate(PipelineSpec spec) {
        this.spec = spec;
    }

    Map<String, Object> template() {
        return map(
                "AWSTemplateFormatVersion", "2010-09-09",
                "Description", "samstage build account base for " + spec.projectName()
                        + ": artifact KMS key and artifact bucket shared with the stage accounts",
                "Parameters", map("ArtifactRetentionDays", map(
                        "Type", "Number",
                        "Default", spec.artifactRetentionDays(),
                        "MinValue", 30,
                        "Description", "Days a superseded artifact version is kept so that stacks can roll back to it")),
                "Resources", map(
                        "ArtifactKey", key(),
                        "ArtifactKeyAlias", resource("AWS::KMS::Alias", map(
                                "AliasName", "alias/" + spec.projectName() + "-artifacts",
                                "TargetKeyId", ref("ArtifactKey"))),
                        "ArtifactBucket", bucket(),
                        "ArtifactBucketPolicy", bucketPolicy()),
                "Outputs", map(
                        BUCKET_EXPORT, exportedOutput(BUCKET_EXPORT, "Artifact bucket", ref("ArtifactBucket")),
                        KEY_EXPORT, exportedOutput(KEY_EXPORT, "Artifact KMS key ARN", getAtt("ArtifactKey", "Arn"))));
    }

    private List<Object> stageAccountRoots() {
        return list(spec.stageAccounts().stream().map(a -> (Object) ("arn:aws:iam::" + a + ":root")).toArray());
    }

    private Map<String, Object> key() {
        Map<String, Object> admin = map(
                "Sid", "BuildAccountAdministers",
                "Effect", "Allow",
                "Principal", map("AWS", sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")),
                "Action", "kms:*",
                "Resource", "*");
        Map<String, Object> stages = map(
                "Sid", "StageAccountsUseForArtifacts",
                "Effect", "Allow",
                "Principal", map("AWS", stageAccountRoots()),
                "Action", list("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"),
                "Resource", "*");
        Map<String, Object> key = resource("AWS::KMS::Key", map(
                "Description", "Encrypts " + spec.projectName() + " pipeline and deployment artifacts",
                "EnableKeyRotation", true,
                "KeyPolicy", map("Version", "2012-10-17", "Statement", list(admin, stages))));
        key.put("DeletionPolicy", "Retain");
        key.put("UpdateReplacePolicy", "Retain");
        return key;
    }

    private Map<String, Object> bucket() {
        Map<String, Object> bucket = resource("AWS::S3::Bucket", map(
                "BucketEncryption", map("ServerSideEncryptionConfiguration", list(map(
                        "ServerSideEncryptionByDefault", map(
                                "SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", getAtt("ArtifactKey", "Arn")),
                        "BucketKeyEnabled", true))),
                "PublicAccessBlockConfiguration", map(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "OwnershipControls", map("Rules", list(map("ObjectOwnership", "BucketOwnerEnforced"))),
                // versions let a rollback find the artifacts an earlier release deployed
                "VersioningConfiguration", map("Status", "Enabled"),
                "LifecycleConfiguration", map("Rules", list(
                        map("Id", "KeepSupersededArtifactsForRollbacks",
                                "Status", "Enabled",
                                "NoncurrentVersionExpiration", map("NoncurrentDays", ref("ArtifactRetentionDays"))),
                        map("Id", "AbortIncompleteUploads",
                                "Status", "Enabled",
                                "AbortIncompleteMultipartUpload", map("DaysAfterInitiation", 7)))),
                "Tags", list(map("Key", "samstage:project", "Value", spec.projectName()))));
        bucket.put("DeletionPolicy", "Retain");
        bucket.put("UpdateReplacePolicy", "Retain");
        return bucket;
    }

    private Map<String, Object> bucketPolicy() {
        Map<String, Object> tlsOnly = map(
                "Sid", "DenyInsecureTransport",
                "Effect", "Deny",
                "Principal", "*",
                "Action", "s3:*",
                "Resource", list(getAtt("ArtifactBucket", "Arn"), sub("${ArtifactBucket.Arn}/*")),
                "Condition", map("Bool", map("aws:SecureTransport", "false")));
        Map<String, Object> readObjects = map(
                "Sid", "StageAccountsReadArtifacts",
                "Effect", "Allow",
                "Principal", map("AWS", stageAccountRoots()),
                "Action", list("s3:GetObject", "s3:GetObjectVersion"),
                "Resource", sub("${ArtifactBucket.Arn}/*"));
        Map<String, Object> listBucket = map(
                "Sid", "StageAccountsLocateArtifacts",
                "Effect", "Allow",
                "Principal", map("AWS", stageAccountRoots()),
                "Action", list("s3:ListBucket", "s3:GetBucketLocation"),
                "Resource", getAtt("ArtifactBucket", "Arn"));
        return resource("AWS::S3::BucketPolicy", map(
                "Bucket", ref("ArtifactBucket"),
                "PolicyDocument", map("Version", "2012-10-17", "Statement", list(tlsOnly, readObjects, listBucket))));
    }

}
