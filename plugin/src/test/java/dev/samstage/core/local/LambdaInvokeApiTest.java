package dev.samstage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stage's Lambda Invoke API, called with the AWS SDK's LambdaClient as a suite calls it. */
class LambdaInvokeApiTest {

    private static final String FIXTURES = "dev.samstage.core.local.fixtures.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingListener LISTENER = new RecordingListener();
    private static LocalStage stage;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        functions.put("Api", LocalStageTest.function("Api", FIXTURES + "TrivialHandler::handle", 10, Map.of()));
        functions.put("OrderEvents", LocalStageTest.function("OrderEvents", FIXTURES + "SqsCountingHandler", 10, Map.of()));
        functions.put("Broken", LocalStageTest.function("Broken", FIXTURES + "FailingHandler::handle", 10, Map.of()));
        functions.put("Slow", LocalStageTest.function("Slow", FIXTURES + "SlowHandler::handle", 1, Map.of()));
        functions.put("Sized", LocalStageTest.function("Sized", FIXTURES + "SizedHandler::handle", 10, Map.of()));
        functions.put("NotBuilt", LocalStageTest.function("NotBuilt", "example.NotBuilt::handle", 10, Map.of()));
        LocalApplication application = new LocalApplication(functions,
            List.of(LocalStageTest.rest("GET", "/ping", "Api")), Map.of(), Map.of(),
            Map.of("OrderEvents", "orders-local-events"));
        List<Path> classpath = new ArrayList<>(FunctionClasspath.withJackson());
        classpath.add(FunctionClasspath.location(org.joda.time.DateTime.class));
        stage = LocalStage.start(application, LocalStageTest.request(classpath), LISTENER);
        lambda = LambdaClient.builder()
            .endpointOverride(stage.lambdaEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        stage.close();
    }

    @Test
    void aFunctionNoRouteServesRunsWithTheEventAndAnswersItsResult() throws Exception {
        InvokeResponse response = invoke("OrderEvents", sqsEvent());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        JsonNode result = JSON.readTree(response.payload().asUtf8String());
        assertThat(result.get("records").asInt()).isEqualTo(2);
        assertThat(result.get("attribute").asText()).isEqualTo("myValue");
        assertThat(LISTENER.messages(StageEvent.Severity.INFO)).contains("[OrderEvents] received 2 message(s)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orders-local-events", "arn:aws:lambda:us-east-1:123456789012:function:OrderEvents",
        "123456789012:function:orders-local-events", "OrderEvents:live"})
    void theFunctionIsFoundByItsFunctionNameOrAnArnAsInLambda(String functionName) {
        InvokeResponse response = invoke(functionName, sqsEvent());

        assertThat(response.functionError()).isNull();
        assertThat(response.payload().asUtf8String()).contains("\"records\":2");
    }

    @Test
    void aFunctionBehindAnApiCanBeInvokedDirectlyToo() throws Exception {
        InvokeResponse response = invoke("Api", "{}");

        assertThat(JSON.readTree(response.payload().asUtf8String()))
            .isEqualTo(JSON.readTree("{\"statusCode\":200,\"body\":\"ok\"}"));
    }

    @Test
    void tailReturnsTheInvocationsLogLinesAsLambdaDoes() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("OrderEvents").logType(LogType.TAIL)
            .payload(SdkBytes.fromUtf8String(sqsEvent())));

        assertThat(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8))
            .isEqualTo("received 2 message(s)\n");
    }

    @Test
    void aHandlerThatThrowsIsAnUnhandledFunctionErrorWithTheRuntimesErrorJson() throws Exception {
        InvokeResponse response = invoke("Broken", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorMessage").asText()).isEqualTo("order store unavailable");
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith(FIXTURES + "FailingHandler.handle(");
    }

    @Test
    void aFunctionPastItsTimeoutIsASandboxTimeout() throws Exception {
        InvokeResponse response = invoke("Slow", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).endsWith(" Error: Task timed out after 1.00 seconds");
    }

    @Test
    void aResultOverTheResponseLimitFailsTheInvocationNotTheRequest() throws Exception {
        InvokeResponse response = invoke("Sized",
            "{\"queryStringParameters\":{\"bytes\":\"" + PayloadLimits.LAMBDA_RESPONSE_BYTES + "\"}}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(response.payload().asUtf8String()).get("errorType").asText())
            .isEqualTo("Function.ResponseSizeTooLarge");
    }

    @Test
    void aFunctionNoRouteServesWhoseCodeCannotLoadDoesNotStopTheStageAndFailsItsInvocations() throws Exception {
        String reason = "Function NotBuilt: Handler example.NotBuilt::handle names class example.NotBuilt, which is not on"
            + " the function's class path ";

        InvokeResponse response = invoke("NotBuilt", "{}");

        assertThat(LISTENER.messages(StageEvent.Severity.WARN)).anySatisfy(line -> assertThat(line)
            .startsWith("Lambda Invoke of NotBuilt will fail: " + reason));
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).startsWith(reason)
            .endsWith("; build the project (mvn package) or fix Handler in the template");
    }

    @Test
    void anUnknownFunctionIsResourceNotFoundWithLambdasMessage() {
        assertThatThrownBy(() -> invoke("OrderFunction", "{}"))
            .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Function not found: arn:aws:lambda:" + FunctionRuntime.region() + ":123456789012:function:OrderFunction");
            });
        assertThat(LISTENER.messages(StageEvent.Severity.WARN))
            .contains("Lambda Invoke of OrderFunction: no such function in the template; its functions: Api, OrderEvents, Broken, Slow, Sized");
    }

    @Test
    void anEventOverTheRequestLimitIsRefusedWithoutRunningTheFunction() {
        String big = "{\"body\":\"" + "x".repeat(PayloadLimits.LAMBDA_REQUEST_BYTES) + "\"}";

        assertThatThrownBy(() -> invoke("Sized", big)).isInstanceOf(RequestTooLargeException.class)
            .hasMessageStartingWith("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
    }

    @Test
    void anEventThatIsNotJsonIsRefusedAsLambdaRefusesIt() {
        assertThatThrownBy(() -> invoke("OrderEvents", "not json"))
            .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.InvalidRequestContentException.class,
                e -> assertThat(e.statusCode()).isEqualTo(400))
            .hasMessageStartingWith("Could not parse request body into json: ");
    }

    @Test
    void dryRunAndEventInvocationsAnswerAsLambdaDoes() {
        assertThat(lambda.invoke(r -> r.functionName("Api").invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
        assertThat(lambda.invoke(r -> r.functionName("Api").invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(202);
    }

    @Test
    void theStartUpLinesNameTheInvokeApi() {
        assertThat(LISTENER.messages(StageEvent.Severity.INFO)).contains("  Lambda Invoke API: POST "
            + stage.endpoint() + "2015-03-31/functions/{FunctionName}/invocations");
    }

    private static InvokeResponse invoke(String function, String event) {
        return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(event)));
    }

    private static String sqsEvent() {
        return new String(SampleEvents.named("sqs").orElseThrow(), StandardCharsets.UTF_8);
    }
}
