package dev.samstage.core.aws;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds every AWS client samstage uses from one region, one credentials provider and an
 * optional endpoint override (for a local AWS emulator). The HTTP clients are shared by every
 * client of a factory and of the factories derived from it ({@link SdkHttpClients}: S3 on a
 * pooled Apache client, the control-plane services on the JDK's), each built when first
 * needed; close every factory to release them.
 *
 * <p>Retries use the SDK's standard strategy ({@link AwsRetryStrategy#standardRetryStrategy()},
 * the strategy behind {@code RetryMode.STANDARD}): it retries throttling ({@code Throttling},
 * {@code ThrottlingException}, {@code SlowDown}), 5xx answers and I/O errors such as
 * connection resets, with full-jitter exponential back-off (base 100 ms, 1 s for throttling,
 * capped at 20 s) and a retry quota per client so a failing endpoint is not hammered. The
 * adaptive strategy adds client-side rate limiting, which helps many concurrent callers
 * sharing one client but slows a single build after a burst of throttles; the legacy one
 * lacks the quota.</p>
 *
 * <p>Attempts are raised from the standard 3 to {@value #MAX_ATTEMPTS}: a stage run makes
 * dozens of calls, and at a 20% failure rate 3 attempts leave each call a 0.8% chance to
 * fail (a 50-call packaging run then fails about one time in three; the fault-injection
 * tests saw 2 of 5 seeded runs fail), while 6 attempts leave 0.0064% per call. When every
 * answer fails the back-off stays bounded: at most about 31 s of waiting per call under
 * throttling and about 3 s under 5xx or resets, so a broken endpoint fails the build in
 * well under a minute. Every retried call is safe to repeat: uploads go to
 * content-addressed keys, and change set executions carry a client request token.</p>
 */
public final class AwsClientFactory implements AutoCloseable {

    /** Attempts per call (first try plus retries); see the class comment for why. */
    public static final int MAX_ATTEMPTS = 6;

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final SdkHttpClients http;
    private final List<ExecutionInterceptor> interceptors;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AwsClientFactory(Region region, AwsCredentialsProvider credentials, URI endpoint,
                             List<ExecutionInterceptor> interceptors, SdkHttpClients http) {
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
        this.http = http;
    }

    /** A factory for {@code region} using {@code credentials}; {@code endpoint} may be null. */
    public static AwsClientFactory create(String region, AwsCredentialsProvider credentials, URI endpoint) {
        return new AwsClientFactory(Region.of(region), credentials, endpoint, List.of(), new SdkHttpClients());
    }

    /** A factory on the default credentials chain. */
    public static AwsClientFactory create(String region, URI endpoint) {
        return create(region, DefaultCredentialsProvider.builder().build(), endpoint);
    }

    /** The same endpoint and HTTP settings with other credentials (for an assumed role) or region. */
    public AwsClientFactory with(String otherRegion, AwsCredentialsProvider otherCredentials) {
        return new AwsClientFactory(Region.of(otherRegion), otherCredentials, endpoint, interceptors, http.share());
    }

    /**
     * The same settings with SDK interceptors added to every client, including those of
     * factories derived with {@link #with} (for example to count or time the calls a run makes).
     */
    public AwsClientFactory withInterceptors(List<ExecutionInterceptor> added) {
        List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
        all.addAll(added);
        return new AwsClientFactory(region, credentials, endpoint, all, http.share());
    }

    /**
     * Starts building the HTTP client of the control-plane services in the background, for a
     * caller about to make its first STS or CloudFormation call after some other work.
     */
    public void prepareControlPlane() {
        http.prepareControl();
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * An S3 client. With an endpoint override it addresses buckets by path (virtual hosts do
     * not resolve on an emulator). Over plain HTTP, which only emulators and proxies speak (AWS
     * itself is HTTPS), SigV4 has to sign the payload: the SDK would by default send it with
     * {@code aws-chunked} encoding and a signature per 128 KiB chunk; this client signs the
     * whole payload once instead, as the AWS CLI does over HTTP. Both forms are valid SigV4; the
     * single signature costs the receiver far less (a local emulator decodes chunks slowly).
     * Over HTTPS nothing changes: unsigned payload with a trailing CRC32 checksum.
     */
    public S3Client s3() {
        S3ClientBuilder builder = S3Client.builder().forcePathStyle(endpoint != null);
        if (plainHttp()) {
            builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        }
        return configure(builder, http.transfer()).build();
    }

    private boolean plainHttp() {
        return endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme());
    }

    public CloudFormationClient cloudFormation() {
        return configure(CloudFormationClient.builder(), http.control()).build();
    }

    public StsClient sts() {
        return configure(StsClient.builder(), http.control()).build();
    }

    public KmsClient kms() {
        return configure(KmsClient.builder(), http.control()).build();
    }

    public CodeDeployClient codeDeploy() {
        return configure(CodeDeployClient.builder(), http.control()).build();
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder(), http.control()).build();
    }

    /** An API Gateway client; on the pooled client, as its REST API updates with PATCH. */
    public ApiGatewayClient apiGateway() {
        return configure(ApiGatewayClient.builder(), http.transfer()).build();
    }

    public CodePipelineClient codePipeline() {
        return configure(CodePipelineClient.builder(), http.control()).build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), http.control()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(
            B builder, SdkHttpClient httpClient) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build())
                        .executionInterceptors(interceptors)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.release();
        }
    }

    @Override
    public String toString() {
        return "AwsClientFactory[region=" + region + ", endpoint=" + endpoint + "]";
    }
}
