package dev.samstage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStageTest {

    private static final String FIXTURES = "dev.samstage.core.local.fixtures.";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingListener LISTENER = new RecordingListener();
    private static LocalStage stage;

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of("GREETING", "Hello", "TABLE_NAME", "orders-local");
        LocalApplication app = new LocalApplication(
            Map.of(
                "EchoRest", function("EchoRest", FIXTURES + "EchoRestHandler", 10, env),
                "EchoHttp", function("EchoHttp", FIXTURES + "EchoHttpHandler", 10, env),
                "Binary", function("Binary", FIXTURES + "BinaryHandler::handle", 10, Map.of()),
                "Failing", function("Failing", FIXTURES + "FailingHandler::handle", 10, Map.of()),
                "Slow", function("Slow", FIXTURES + "SlowHandler::handle", 1, Map.of()),
                "Plain", function("Plain", FIXTURES + "PlainHandlers::greeting", 10, Map.of()),
                "PlainOrder", function("PlainOrder", FIXTURES + "PlainHandlers::order", 10, Map.of()),
                "Malformed", function("Malformed", FIXTURES + "PlainHandlers::malformed", 10, Map.of()),
                "Streaming", function("Streaming", FIXTURES + "StreamingHandler", 10, Map.of())),
            List.of(
                rest("GET", "/orders/{id}", "EchoRest"),
                rest("ANY", "/files/{proxy+}", "EchoRest"),
                rest("POST", "/binary", "Binary"),
                rest("GET", "/boom", "Failing"),
                rest("GET", "/slow", "Slow"),
                rest("GET", "/malformed", "Malformed"),
                rest("POST", "/stream", "Streaming"),
                http("GET", "/v2/orders/{id}", "EchoHttp"),
                http("POST", "/v2/binary", "Binary"),
                http("GET", "/v2/greetings/{name}", "Plain"),
                http("GET", "/v2/plain-orders/{id}", "PlainOrder")),
            Map.of("ServerlessRestApi", Map.of("tableSuffix", "blue")),
            Map.of("ServerlessRestApi", List.of("application~1octet-stream", "image/*")));
        stage = LocalStage.start(app, request(FunctionClasspath.withJackson()), LISTENER);
    }

    @AfterAll
    static void stop() {
        stage.close();
    }

    @Test
    void restEventCarriesPathParametersQueryHeadersAndRequestContext() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("orders/42?expand=items&tag=a&tag=b"))
            .header("X-Trace", "one").header("X-Trace", "two").header("Accept", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Echo")).contains("rest");
        JsonNode event = JSON.readTree(response.body()).get("event");
        assertThat(event.get("resource").asText()).isEqualTo("/orders/{id}");
        assertThat(event.get("path").asText()).isEqualTo("/orders/42");
        assertThat(event.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.at("/pathParameters/id").asText()).isEqualTo("42");
        assertThat(event.at("/queryStringParameters/tag").asText()).isEqualTo("b");
        assertThat(event.at("/multiValueQueryStringParameters/tag").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(event.at("/queryStringParameters/expand").asText()).isEqualTo("items");
        assertThat(event.at("/headers/X-Trace").asText()).isEqualTo("two");
        assertThat(event.at("/multiValueHeaders/X-Trace").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(event.at("/headers/Accept").asText()).isEqualTo("application/json");
        assertThat(event.at("/stageVariables/tableSuffix").asText()).isEqualTo("blue");
        assertThat(event.at("/requestContext/stage").asText()).isEqualTo("local");
        assertThat(event.at("/requestContext/httpMethod").asText()).isEqualTo("GET");
        assertThat(event.at("/requestContext/resourcePath").asText()).isEqualTo("/orders/{id}");
        assertThat(event.at("/requestContext/path").asText()).isEqualTo("/local/orders/42");
        assertThat(event.at("/requestContext/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.at("/requestContext/requestId").asText()).hasSize(36);
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void handlerRunsInItsOwnClassLoaderWithItsContext() throws Exception {
        JsonNode body = JSON.readTree(send(HttpRequest.newBuilder(uri("orders/7"))).body());

        assertThat(body.get("loader").asText()).isEqualTo("function-EchoRest");
        assertThat(body.get("functionName").asText()).isEqualTo("EchoRest");
        assertThat(body.get("remainingMillis").asInt()).isBetween(1, 10_000);
        assertThat(LISTENER.messages(StageEvent.Severity.INFO)).contains("[EchoRest] echoing /orders/7");
    }

    @Test
    void handlerSeesTheTemplateEnvironmentAndLambdaVariables() throws Exception {
        JsonNode env = JSON.readTree(send(HttpRequest.newBuilder(uri("orders/1"))).body()).get("env");

        assertThat(env.get("GREETING").asText()).isEqualTo("Hello");
        assertThat(env.get("TABLE_NAME").asText()).isEqualTo("orders-local");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("EchoRest");
        assertThat(env.get("AWS_REGION").asText()).isNotEqualTo("<unset>");
        assertThat(env.get("PATH").asText()).as("Lambda's PATH, not the build's").isEqualTo("<set>");
        assertThat(System.getenv("GREETING")).as("outside an invocation").isNull();
    }

    @Test
    void greedyPathParameterTakesTheRestOfThePathForAnyMethod() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("files/reports/2024/q1.pdf"))
            .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        JsonNode event = JSON.readTree(response.body()).get("event");
        assertThat(event.at("/pathParameters/proxy").asText()).isEqualTo("reports/2024/q1.pdf");
        assertThat(event.get("resource").asText()).isEqualTo("/files/{proxy+}");
        assertThat(event.get("httpMethod").asText()).isEqualTo("DELETE");
    }

    @Test
    void binaryBodyRoundTripsThroughBase64OnARestApi() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, (byte) 0xfe};
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri("binary"))
            .header("Content-Type", "application/octet-stream").header("Accept", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Was-Base64")).contains("true");
        assertThat(response.body()).containsExactly(png);
    }

    @Test
    void textBodyOfARestApiArrivesAsText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("binary"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        assertThat(response.headers().firstValue("X-Request-Was-Base64")).contains("false");
        assertThat(response.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void throwingHandlerGives502AndReportsTheStackTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("boom")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Internal server error");
        assertThat(LISTENER.events).filteredOn(e -> e instanceof HandlerFailedEvent).singleElement()
            .satisfies(e -> {
                assertThat(e.severity()).isEqualTo(StageEvent.Severity.ERROR);
                assertThat(e.message()).contains("Function Failing threw java.lang.IllegalStateException: order store unavailable on GET /boom")
                    .contains("dev.samstage.core.local.fixtures.FailingHandler.handle(FailingHandler.java:");
            });
    }

    @Test
    void handlerOverItsTimeoutGives502AsLambdaReportsAFunctionError() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("slow")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(LISTENER.messages(StageEvent.Severity.WARN)).contains("Function Slow did not answer GET /slow within its"
            + " Timeout of 1 s; Lambda reports that as a function error and the client got 502 Internal server error;"
            + " raise Timeout in the template or make the handler faster");
    }

    @Test
    void malformedProxyResponseGives502WithTheReason() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("malformed")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(LISTENER.messages(StageEvent.Severity.ERROR))
            .anyMatch(m -> m.contains("Function Malformed returned a malformed Lambda proxy response on GET /malformed: unexpected field 'payload'"));
    }

    @Test
    void streamHandlerGetsTheRawEventBytes() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("stream")).POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).matches("event bytes: \\d{3,}");
    }

    @Test
    void unknownRouteOfARestApiAnswersMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("nowhere")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void wrongMethodOnAKnownPathIsAlsoUnknown() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("orders/1")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void httpApiEventUsesPayloadVersionTwo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v2/orders/9?tag=a&tag=b&q=x%20y"))
            .header("X-Trace", "one").header("X-Trace", "two").header("Cookie", "a=1; b=2"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/");
        JsonNode event = JSON.readTree(response.body()).get("event");
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /v2/orders/{id}");
        assertThat(event.get("rawPath").asText()).isEqualTo("/v2/orders/9");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x%20y");
        assertThat(event.at("/queryStringParameters/tag").asText()).isEqualTo("a,b");
        assertThat(event.at("/queryStringParameters/q").asText()).isEqualTo("x y");
        assertThat(event.at("/pathParameters/id").asText()).isEqualTo("9");
        assertThat(event.at("/headers/x-trace").asText()).isEqualTo("one,two");
        assertThat(event.at("/headers/cookie").isMissingNode()).isTrue();
        assertThat(event.get("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo("GET");
        assertThat(event.at("/requestContext/http/path").asText()).isEqualTo("/v2/orders/9");
        assertThat(event.at("/requestContext/http/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.at("/requestContext/stage").asText()).isEqualTo("local");
        assertThat(JSON.readTree(response.body()).at("/env/GREETING").asText()).isEqualTo("Hello");
    }

    @Test
    void httpApiBinaryBodyRoundTrips() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xc3, (byte) 0x28, 127};
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri("v2/binary"))
            .header("Content-Type", "application/pdf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("X-Request-Was-Base64")).contains("true");
        assertThat(response.body()).containsExactly(bytes);
        assertThat(Base64.getEncoder().encodeToString(bytes)).isNotEmpty();
    }

    @Test
    void httpApiPlainStringResultBecomesA200JsonResponse() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v2/greetings/ada")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("hello ada");
    }

    @Test
    void httpApiObjectResultWithoutStatusCodeIsTheJsonBody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("v2/plain-orders/o-1")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"id\":\"o-1\",\"status\":\"NEW\"}"));
    }

    @Test
    void unknownRouteOnlyHttpApisAnswerNotFound() {
        LocalApplication app = new LocalApplication(
            Map.of("Plain", function("Plain", FIXTURES + "PlainHandlers::greeting", 3, Map.of())),
            List.of(http("GET", "/greetings/{name}", "Plain")), Map.of(), Map.of());
        try (LocalStage httpOnly = LocalStage.start(app, request(FunctionClasspath.withJackson()), event -> { })) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(httpOnly.endpoint().resolve("nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void functionWithoutJacksonOfItsOwnStillGetsItsEvent() throws Exception {
        LocalApplication app = new LocalApplication(
            Map.of("Plain", function("Plain", FIXTURES + "PlainHandlers::greeting", 3, Map.of())),
            List.of(http("GET", "/greetings/{name}", "Plain")), Map.of(), Map.of());
        try (LocalStage bare = LocalStage.start(app, request(FunctionClasspath.withoutJackson()), event -> { })) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(bare.endpoint().resolve("greetings/bob")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("hello bob");
        }
    }

    static LocalFunction function(String id, String handler, int timeout, Map<String, String> env) {
        return new LocalFunction(id, handler, null, "java21", timeout, 512, env);
    }

    static LocalRoute rest(String method, String path, String function) {
        return new LocalRoute(ApiKind.REST, "ServerlessRestApi", method, path, function, "Event", PayloadFormat.V1);
    }

    static LocalRoute http(String method, String path, String function) {
        return new LocalRoute(ApiKind.HTTP, "ServerlessHttpApi", method, path, function, "Event", PayloadFormat.V2);
    }

    static LocalStageRequest request(List<Path> classpath) {
        return new LocalStageRequest(Path.of("template.yaml"), classpath, "local", 0, Map.of());
    }

    private static URI uri(String path) {
        return stage.endpoint().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
