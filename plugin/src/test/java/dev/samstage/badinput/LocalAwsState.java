package dev.samstage.badinput;

import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * What a bad input must not change in the local AWS: every bucket with its objects (key and
 * ETag), every stack with its status, last update and change sets. Read with clients that
 * talk to the local AWS directly.
 *
 * @param objects  {@code bucket/key -> etag}
 * @param stacks   {@code stack -> status, last update, change set names and statuses}
 */
record LocalAwsState(TreeMap<String, String> objects, TreeMap<String, String> stacks) {

    static final String BUCKET = "artifacts";
    static final String STACK = "svc-dev";
    static final String REGION = "us-east-1";

    /** Resets the local AWS to a stage that was deployed once: a bucket with an artifact, a stack. */
    static void seed() {
        LocalAws.get().reset();
        try (S3Client s3 = s3(); CloudFormationClient cfn = cloudFormation()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key("svc/previous-release.zip"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("released earlier"));
            cfn.createStack(b -> b.stackName(STACK).templateBody("""
                    {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}"""));
        }
    }

    static LocalAwsState read() {
        TreeMap<String, String> objects = new TreeMap<>();
        TreeMap<String, String> stacks = new TreeMap<>();
        try (S3Client s3 = s3(); CloudFormationClient cfn = cloudFormation()) {
            for (Bucket bucket : s3.listBuckets().buckets()) {
                s3.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()
                        .forEach(o -> objects.put(bucket.name() + "/" + o.key(), o.eTag()));
                objects.putIfAbsent(bucket.name() + "/", "(bucket)");
            }
            for (Stack stack : cfn.describeStacks().stacks()) {
                List<String> changeSets = cfn.listChangeSets(b -> b.stackName(stack.stackName())).summaries().stream()
                        .map(c -> c.changeSetName() + ":" + c.executionStatusAsString()).sorted().collect(Collectors.toList());
                stacks.put(stack.stackName(), stack.stackStatusAsString() + " " + stack.lastUpdatedTime() + " " + changeSets);
            }
        }
        return new LocalAwsState(objects, stacks);
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
    }

    private static S3Client s3() {
        return S3Client.builder().region(Region.of(REGION)).endpointOverride(LocalAws.get().endpoint()).forcePathStyle(true)
                .credentialsProvider(credentials()).build();
    }

    private static CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().region(Region.of(REGION)).endpointOverride(LocalAws.get().endpoint())
                .credentialsProvider(credentials()).build();
    }
}
