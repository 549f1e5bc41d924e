package dev.samstage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalInvokerTest {

    private static final String FIXTURES = "dev.samstage.core.local.fixtures.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private final RecordingListener listener = new RecordingListener();

    private final LocalApplication application = new LocalApplication(functions(
        "OrderEvents", function("OrderEvents", FIXTURES + "SqsCountingHandler", "java21"),
        "Notifications", function("Notifications", FIXTURES + "EventSourceHandlers::sns", "java17"),
        "Uploads", function("Uploads", FIXTURES + "EventSourceHandlers::s3", "java21"),
        "NightlyJob", function("NightlyJob", FIXTURES + "EventSourceHandlers::scheduled", "java21"),
        "Changes", function("Changes", FIXTURES + "EventSourceHandlers::dynamodb", "java21"),
        "Rest", function("Rest", FIXTURES + "EventSourceHandlers::rest", "java21"),
        "Http", function("Http", FIXTURES + "EventSourceHandlers::http", "java21"),
        "Broken", function("Broken", FIXTURES + "FailingHandler::handle", "java21"),
        "Slow", new LocalFunction("Slow", FIXTURES + "SlowHandler::handle", null, "java21", 1, 512, Map.of()),
        "Scraper", function("Scraper", "app.handler", "python3.12"),
        "Sized", function("Sized", FIXTURES + "SizedHandler::handle", "java21")),
        List.of(), Map.of(), Map.of());

    @Test
    void sqsSampleReachesTheHandlerAsAnSqsEventAndTheResultIsWrittenAndReturned() throws Exception {
        LocalInvocation invocation = invoke("OrderEvents", "sqs");

        JsonNode result = JSON.readTree(invocation.result());
        assertThat(result.get("records").asInt()).isEqualTo(2);
        assertThat(result.get("firstBody").asText()).isEqualTo("Test message.");
        assertThat(result.get("queue").asText()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:my-queue");
        assertThat(result.get("attribute").asText()).isEqualTo("myValue");
        assertThat(invocation.resultFile()).isEqualTo(project.resolve("out/OrderEvents.json"));
        assertThat(Files.readAllBytes(invocation.resultFile())).isEqualTo(invocation.result());
        assertThat(listener.messages(StageEvent.Severity.INFO)).contains("[OrderEvents] received 2 message(s)");
    }

    @ParameterizedTest(name = "{0} sample -> {1}")
    @CsvFileSource(resources = "/dev/samstage/core/local/sample-events.csv", delimiter = '|', quoteCharacter = '\'')
    void everySampleEventDeserializesIntoItsAwsLambdaJavaEventsType(String sample, String function, String pointer,
                                                                     String expected) throws Exception {
        JsonNode value = JSON.readTree(invoke(function, sample).result()).at(pointer);

        assertThat(value.isValueNode() ? value.asText() : value.toString()).isEqualTo(expected);
    }

    @Test
    void everyNamedSampleIsInTheJarAndIsJson() throws Exception {
        for (String name : SampleEvents.NAMES) {
            assertThat(JSON.readTree(SampleEvents.named(name).orElseThrow()).isObject()).as(name).isTrue();
        }
        assertThat(SampleEvents.named("kinesis")).isEmpty();
    }

    @Test
    void anEventFileIsReadRelativeToTheProjectDirectory() throws Exception {
        Files.createDirectories(project.resolve("events"));
        Files.writeString(project.resolve("events/one.json"),
            "{\"Records\":[{\"body\":\"from a file\",\"eventSourceARN\":\"arn:q\",\"messageAttributes\":"
                + "{\"myAttribute\":{\"stringValue\":\"v\",\"dataType\":\"String\"}}}]}");

        JsonNode result = JSON.readTree(invoke("OrderEvents", "events/one.json").result());

        assertThat(result.get("records").asInt()).isEqualTo(1);
        assertThat(result.get("firstBody").asText()).isEqualTo("from a file");
    }

    @Test
    void withoutAnEventTheHandlerGetsAnEmptyObject() throws Exception {
        assertThatThrownBy(() -> invoke("OrderEvents", null))
            .as("an SQS handler given {} has no records")
            .hasMessageStartingWith("Function OrderEvents threw java.lang.NullPointerException");
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dev/samstage/core/local/invoke-mistakes.csv", delimiter = '|', quoteCharacter = '\'')
    void userMistakesAndFailuresAreOneLine(String title, String function, String event, String expected) throws Exception {
        Files.writeString(project.resolve("secret.json"), "password=hunter2");

        assertThatThrownBy(() -> invoke(function, event))
            .isInstanceOf(LocalStageException.class)
            .hasMessage(expected.replace("TEMPLATE", project.resolve("template.yaml").toString())
                .replace("PROJECT", project.toString()))
            .hasMessageNotContaining("hunter2");
        assertThat(project.resolve("out")).doesNotExist();
    }

    @Test
    void aFailingHandlerIsReportedByItsExceptionAndMessageWithTheTraceOnlyInDebug() {
        assertThatThrownBy(() -> invoke("Broken", "sqs"))
            .isInstanceOf(LocalStageException.class)
            .hasMessageStartingWith("Function Broken threw java.lang.IllegalStateException: order store unavailable (request ")
            .hasMessageEndingWith("); fix the handler (mvn -X shows its stack trace)")
            .hasMessageNotContaining("\n");
        assertThat(listener.messages(StageEvent.Severity.DEBUG)).singleElement().asString()
            .contains("dev.samstage.core.local.fixtures.FailingHandler.handle(FailingHandler.java");
    }

    @Test
    void anEventOverLambdasInvocationLimitIsRefusedBeforeTheHandlerRuns() throws Exception {
        Files.writeString(project.resolve("big.json"), "{\"body\":\"" + "x".repeat(PayloadLimits.LAMBDA_REQUEST_BYTES) + "\"}");

        assertThatThrownBy(() -> invoke("Sized", "big.json"))
            .hasMessage("The event (" + project.resolve("big.json") + ") is " + (PayloadLimits.LAMBDA_REQUEST_BYTES + 11)
                + " bytes, over Lambda's 6 MB invocation limit (6291456 bytes); Lambda would refuse it; send a smaller event");
    }

    @Test
    void aResultOverLambdasResponseLimitFailsTheInvocation() throws Exception {
        Files.writeString(project.resolve("large-answer.json"),
            "{\"queryStringParameters\":{\"bytes\":\"" + PayloadLimits.LAMBDA_RESPONSE_BYTES + "\"}}");

        assertThatThrownBy(() -> invoke("Sized", "large-answer.json"))
            .hasMessageStartingWith("Function Sized returned ")
            .hasMessageEndingWith(" bytes, over Lambda's 6 MB response limit (6291556 bytes); return less, or write the result"
                + " to S3 and return its key");
        assertThat(project.resolve("out")).doesNotExist();
    }

    @Test
    void theLocalStageNamesTheFunctionsItDoesNotServeOverHttp() {
        LocalApplication withApi = new LocalApplication(functions(
            "Api", function("Api", FIXTURES + "TrivialHandler::handle", "java21"),
            "OrderEvents", function("OrderEvents", FIXTURES + "SqsCountingHandler", "java21"),
            "NightlyJob", function("NightlyJob", FIXTURES + "EventSourceHandlers::scheduled", "java21")),
            List.of(LocalStageTest.rest("GET", "/ping", "Api")), Map.of(), Map.of());

        try (LocalStage ignored = LocalStage.start(withApi, request(), listener)) {
            assertThat(listener.messages(StageEvent.Severity.INFO)).anySatisfy(line -> assertThat(line)
                .endsWith(" with 1 route(s); not served over HTTP (run them with samstage:invoke or Lambda's Invoke API): OrderEvents, NightlyJob"));
        }
    }

    private LocalInvocation invoke(String function, String event) {
        return LocalInvoker.invoke(application, new LocalInvokeRequest(request(), function, event, project.resolve("out")),
            listener, AnonymousCredentialsProvider.create());
    }

    private LocalStageRequest request() {
        // the events library's Joda dependency, as a function built with it has
        List<Path> classpath = new java.util.ArrayList<>(FunctionClasspath.withJackson());
        classpath.add(FunctionClasspath.location(org.joda.time.DateTime.class));
        return new LocalStageRequest(project.resolve("template.yaml"), classpath, "local", 0, Map.of(), false, project, Map.of());
    }

    /** In the given order, as the template lists them. */
    private static Map<String, LocalFunction> functions(Object... idsAndFunctions) {
        Map<String, LocalFunction> functions = new java.util.LinkedHashMap<>();
        for (int i = 0; i < idsAndFunctions.length; i += 2) {
            functions.put((String) idsAndFunctions[i], (LocalFunction) idsAndFunctions[i + 1]);
        }
        return functions;
    }

    private static LocalFunction function(String id, String handler, String runtime) {
        return new LocalFunction(id, handler, null, runtime, 10, 512, Map.of());
    }
}
