package dev.samstage.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Invokes the stage's functions with an event, for suites of functions that no API serves
 * (queue consumers, EventBridge rules, schedules). Inject it as a parameter of a
 * {@link StageTest} class's test or lifecycle method:
 *
 * <pre>{@code
 * @Test
 * void countsTheBatch(StageFunctions functions) {
 *     FunctionResult result = functions.invoke("OrderEventsFunction", sqsEventJson);
 *     assertThat(result.failed()).isFalse();
 *     assertThat(result.json().get("processed").asInt()).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>A function is named by its logical id in the template. On the local stage
 * ({@code mvn deploy-stage -Denv=local}) the call goes to the stage's Lambda Invoke API
 * ({@code samstage.lambdaEndpoint}, which the plugin hands to the suite, or the outputs file's
 * {@code lambdaEndpoint}); on a deployed stage (the outputs file's stack, or
 * {@code samstage.stackName}) the logical id is looked up in the stage's stack (CloudFormation
 * DescribeStackResource) and the function invoked in Lambda with the default credentials chain
 * (the caller needs {@code cloudformation:DescribeStackResource} and {@code lambda:InvokeFunction}).
 * The stage needs no API for this. Invocations are synchronous ({@code RequestResponse}) and
 * return the end of the function's log.</p>
 */
public final class StageFunctions {

    /** Lambda runs a function for at most 15 minutes; the client waits a little longer. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(16);

    private final LambdaClient lambda;
    private final UnaryOperator<String> physicalName;
    private final String target;

    StageFunctions(LambdaClient lambda, UnaryOperator<String> physicalName, String target) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.physicalName = Objects.requireNonNull(physicalName, "physicalName");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Invokes the function with the JSON event and returns what it returned or how it failed. */
    public FunctionResult invoke(String function, String eventJson) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(eventJson, "eventJson");
        String name = physicalName.apply(function);
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(name).logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String(eventJson)));
        } catch (ResourceNotFoundException e) {
            throw new StageConfigurationException("No function " + function + " on " + target + " ("
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    + "); name the function by its logical id in template.yaml");
        } catch (SdkClientException e) {
            throw new StageConfigurationException("Invoking " + function + " on " + target + " failed: " + e.getMessage()
                    + " Is the stage up (mvn deploy-stage -Denv=<env>)?");
        }
        String log = response.logResult() == null ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        return new FunctionResult(function, response.payload() == null ? "" : response.payload().asUtf8String(),
                response.functionError(), log);
    }

    /** Invokes the function with the empty event {@code {}}. */
    public FunctionResult invoke(String function) {
        return invoke(function, "{}");
    }

    /** Where the functions run: the local stage's Lambda endpoint, or the stack whose functions are invoked. */
    @Override
    public String toString() {
        return "StageFunctions[" + target + "]";
    }

    /**
     * The functions of the stage: through its Lambda endpoint when it has one (the local stage),
     * else through its stack. The clients are closed with {@code store}.
     */
    static StageFunctions open(FunctionTarget target, Optional<Setting> awsEndpoint,
                               Supplier<AwsCredentialsProvider> credentials, ExtensionContext.Store store) {
        if (target.local()) {
            // the local stage neither needs nor checks credentials: nothing is signed
            LambdaClient lambda = closedWith(store, lambda(Optional.of(target.lambdaEndpoint()),
                    target.region() == null ? "us-east-1" : target.region(), AnonymousCredentialsProvider.create()));
            return new StageFunctions(lambda, UnaryOperator.identity(),
                    "the Lambda endpoint " + target.lambdaEndpoint() + " (from " + target.source() + ")");
        }
        Optional<URI> override = awsEndpoint.map(e -> EndpointUrl.parse(e.value(), e.describe()));
        CloudFormationClientBuilder builder = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials.get());
        if (target.region() != null) {
            builder.region(Region.of(target.region()));
        }
        override.ifPresent(builder::endpointOverride);
        CloudFormationClient cloudFormation = closedWith(store, builder.build());
        LambdaClient lambda = closedWith(store, lambda(override, target.region(), credentials.get()));
        StackFunctionNames names = new StackFunctionNames(cloudFormation, target.stackName(), target.region());
        return new StageFunctions(lambda, names::physicalName, names + " (from " + target.source() + ")");
    }

    private static LambdaClient lambda(Optional<URI> endpoint, String region, AwsCredentialsProvider credentials) {
        LambdaClientBuilder builder = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(READ_TIMEOUT))
                .credentialsProvider(credentials);
        if (region != null) {
            builder.region(Region.of(region));
        }
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Registers the client to be closed with the store, and returns it. */
    private static <T extends AutoCloseable> T closedWith(ExtensionContext.Store store, T client) {
        store.put(new Object(), new ClientCloser(client));
        return client;
    }

    /**
     * Closes a client with the store: JUnit 5.13 closes stored {@code AutoCloseable}s, earlier
     * versions (a suite may bring one) only {@code CloseableResource}s; each closes it once.
     */
    @SuppressWarnings("deprecation")
    private record ClientCloser(AutoCloseable client) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            client.close();
        }
    }
}
