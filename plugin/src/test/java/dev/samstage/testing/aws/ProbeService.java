package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ProbeFunctions} deployed to the local AWS as a user's service is: the compiled package in
 * S3, the SAM template through CloudFormation (CreateStack, with the SAM transform), with SDK
 * clients acting in that account.
 */
final class ProbeService implements AutoCloseable {

    static final String REGION = "eu-west-1";

    final String stackName = "probe-" + UUID.randomUUID().toString().substring(0, 8);
    final String bucket = stackName + "-code";
    final S3Client s3;
    private final CloudFormationClient cfn;
    final LambdaClient lambda;
    private final Map<String, String> physicalIds = new HashMap<>();

    private ProbeService() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
        URI endpoint = LocalAws.get().endpoint();
        s3 = S3Client.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(endpoint).forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder()).build();
        cfn = CloudFormationClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
        // a synchronous invocation lasts as long as the function runs
        lambda = LambdaClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(ApacheHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(90))).build();
    }

    /** Compiles the functions in {@code dir}, uploads them and creates the stack; fails unless it completes. */
    static ProbeService deploy(Path dir) throws InterruptedException {
        ProbeService service = new ProbeService();
        service.s3.createBucket(r -> r.bucket(service.bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
        service.s3.putObject(r -> r.bucket(service.bucket).key("probe.zip"),
                RequestBody.fromBytes(LambdaFunctionFixture.zip(dir, ProbeFunctions.SOURCES)));
        service.cfn.createStack(r -> r.stackName(service.stackName).templateBody(ProbeFunctions.TEMPLATE.formatted(service.bucket))
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        String status = "";
        for (int i = 0; i < 240 && !status.endsWith("COMPLETE") && !status.endsWith("FAILED"); i++) {
            Thread.sleep(250);
            status = service.cfn.describeStacks(r -> r.stackName(service.stackName)).stacks().get(0).stackStatusAsString();
        }
        assertThat(status).isEqualTo("CREATE_COMPLETE");
        for (StackResource resource : service.cfn.describeStackResources(r -> r.stackName(service.stackName)).stackResources()) {
            service.physicalIds.put(resource.logicalResourceId(), resource.physicalResourceId());
        }
        return service;
    }

    /** The physical id of a resource of the stack (a function's name, the API's id). */
    String physicalId(String logicalId) {
        return physicalIds.get(logicalId);
    }

    /** {@code path} of the implicit API's {@code stage} on the local AWS's execute-api data plane. */
    URI stageUrl(String stage, String path) {
        return URI.create(LocalAws.get().endpoint() + "/restapis/" + physicalId("ServerlessRestApi") + "/" + stage
                + "/_user_request_" + path);
    }

    @Override
    public void close() {
        cfn.close();
        lambda.close();
        s3.close();
    }
}
