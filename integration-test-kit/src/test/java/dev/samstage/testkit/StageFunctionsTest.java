package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@link StageFunctions} against an HTTP server answering as the local stage's Lambda Invoke API
 * does. A deployed stage's functions (found through its stack, run by Lambda) are invoked in the
 * plugin's {@code StageFunctionsOnADeployedStageTest}, where the local AWS runs real functions.
 */
class StageFunctionsTest {

    private static final String INVOCATIONS = "/2015-03-31/functions/%s/invocations";

    private LocalApi lambda;

    @TempDir
    Path project;

    @BeforeEach
    void startLambda() {
        Scenario.reset();
        lambda = LocalApi.start()
                .route(INVOCATIONS.formatted("OrderEventsFunction"), r -> new LocalApi.Answer(200, "application/json",
                        "{\"processed\":2}", Map.of("X-Amz-Log-Result", base64("processing 2 order message(s)\n"))))
                .route(INVOCATIONS.formatted("BrokenFunction"), r -> new LocalApi.Answer(200, "application/json",
                        "{\"errorMessage\":\"order store unavailable\",\"errorType\":\"java.lang.IllegalStateException\","
                                + "\"stackTrace\":[\"example.Broken.handle(Broken.java:9)\"]}",
                        Map.of("X-Amz-Function-Error", "Unhandled")))
                .route(INVOCATIONS.formatted("MissingFunction"), r -> new LocalApi.Answer(404, "application/json",
                        "{\"Type\":\"User\",\"message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:MissingFunction\"}",
                        Map.of("x-amzn-ErrorType", "ResourceNotFoundException")));
    }

    @AfterEach
    void stopLambda() {
        lambda.close();
    }

    @StageTest
    static class InvokesAQueueConsumer {
        static final List<FunctionResult> results = new CopyOnWriteArrayList<>();

        @Test
        void invokesIt(StageFunctions functions) {
            results.add(functions.invoke("OrderEventsFunction", "{\"Records\":[{},{}]}"));
        }
    }

    @Test
    void aSuiteInvokesAFunctionThroughTheLambdaEndpointOfTheLocalStagesOutputsFile() throws Exception {
        Path outputs = project.resolve("target/samstage/local/outputs.json");
        Files.createDirectories(outputs.getParent());
        // no API: the endpoint of the local gateway is there, but functions need only lambdaEndpoint
        Files.writeString(outputs, "{\"stage\":\"local\",\"endpoint\":null,\"lambdaEndpoint\":\"" + lambda.endpoint()
                + "/\",\"outputs\":{}}");
        InvokesAQueueConsumer.results.clear();

        EngineExecutionResults results = Fixtures.run(InvokesAQueueConsumer.class,
                Map.of(StageProperties.ENV, "local", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.testFailures(results)).isEmpty();
        assertThat(InvokesAQueueConsumer.results).singleElement().satisfies(result -> {
            assertThat(result.failed()).isFalse();
            assertThat(result.json().get("processed").asInt()).isEqualTo(2);
            assertThat(result.log()).isEqualTo("processing 2 order message(s)\n");
        });
        assertThat(lambda.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.rawPath()).isEqualTo(INVOCATIONS.formatted("OrderEventsFunction"));
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Records\":[{},{}]}");
            assertThat(request.header("X-Amz-Log-Type")).isEqualTo("Tail");
        });
    }

    @Test
    void theLambdaEndpointPropertyThePluginPassesWinsOverTheOutputsFile() {
        FunctionTarget target = resolver(Map.of(StageProperties.LAMBDA_ENDPOINT, lambda.endpoint().toString(),
                StageProperties.ENV, "local", StageProperties.PROJECT_DIR, project.toString())).functions();

        assertThat(target.local()).isTrue();
        assertThat(target.lambdaEndpoint()).isEqualTo(lambda.endpoint());
        assertThat(target.source()).isEqualTo("system property samstage.lambdaEndpoint");
    }

    @Test
    void aHandlerThatThrewIsAFailedResultWithItsErrorTypeAndMessage() {
        FunctionResult result = local().invoke("BrokenFunction", "{}");

        assertThat(result.failed()).isTrue();
        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(result.errorType()).contains("java.lang.IllegalStateException");
        assertThat(result.errorMessage()).contains("order store unavailable");
    }

    @Test
    void aResultThatIsNotAFailureHasNoErrorType() {
        FunctionResult result = local().invoke("OrderEventsFunction");

        assertThat(result.failed()).isFalse();
        assertThat(result.errorType()).isEmpty();
        assertThat(result.errorMessage()).isEmpty();
    }

    @Test
    void anUnknownFunctionFailsWithOneLineNamingItAndTheEndpoint() {
        assertThatThrownBy(() -> local().invoke("MissingFunction", "{}"))
                .isInstanceOf(StageConfigurationException.class)
                .hasMessage("No function MissingFunction on the Lambda endpoint " + lambda.endpoint() + " (Function not found:"
                        + " arn:aws:lambda:us-east-1:123456789012:function:MissingFunction); name the function by its logical id"
                        + " in template.yaml");
    }

    @Test
    void aStageWithNeitherALambdaEndpointNorAStackSaysWhereItLooked() {
        assertThatThrownBy(() -> resolver(Map.of()).functions())
                .isInstanceOf(StageConfigurationException.class)
                .hasMessageStartingWith("No way to invoke the stage's functions. Looked in: JUnit configuration parameter"
                        + " samstage.lambdaEndpoint; system property samstage.lambdaEndpoint; environment variable"
                        + " SAMSTAGE_LAMBDA_ENDPOINT; outputs file target/samstage/<env>/outputs.json (skipped:")
                .hasMessageContaining("samstage.stackName; environment variable SAMSTAGE_STACK_NAME. Run the suite with"
                        + " mvn deploy-stage -Denv=<env>");
    }

    private StageFunctions local() {
        return functions(UnaryOperator.identity());
    }

    private StageFunctions functions(UnaryOperator<String> names) {
        LambdaClient client = LambdaClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Scenario.ACCESS_KEY, Scenario.SECRET_KEY)))
                .build();
        return new StageFunctions(client, names, "the Lambda endpoint " + lambda.endpoint());
    }

    private static StageResolver resolver(Map<String, String> systemProperties) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(Scenario.ACCESS_KEY, Scenario.SECRET_KEY));
        StageRuntime runtime = new StageRuntime(systemProperties::get, key -> null, Path.of("").toAbsolutePath(),
                () -> credentials, () -> System.out);
        return new StageResolver(new StageSettings(key -> null, runtime), () -> credentials);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
