package dev.samstage.core.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static dev.samstage.core.local.LocalStageTest.function;
import static dev.samstage.core.local.LocalStageTest.http;
import static dev.samstage.core.local.LocalStageTest.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the local stage must answer as Lambda and API Gateway do: limits, environment, execution environments. */
class LocalStageFidelityTest {

    private static final String FIXTURES = "dev.samstage.core.local.fixtures.";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordingListener LISTENER = new RecordingListener();
    private static final String TOO_LONG = "{\"message\":\"Request Too Long\"}";
    private static LocalStage stage;

    @BeforeAll
    static void start() {
        // As a build does before the stage starts (a ProcessBuilder, a library listing the
        // environment): the JDK then keeps views of the real environment, which handlers must not see.
        assertThat(System.getenv().entrySet()).isNotEmpty();
        assertThat(System.getenv().keySet()).isNotEmpty();
        LocalApplication app = new LocalApplication(
            Map.of(
                "Sized", function("Sized", FIXTURES + "SizedHandler::handle", 10, Map.of()),
                "Instances", function("Instances", FIXTURES + "InstanceHandler::handle", 10, Map.of()),
                "Env", function("Env", FIXTURES + "EnvironmentHandler::handle", 10, Map.of("TABLE_NAME", "orders")),
                "Failing", function("Failing", FIXTURES + "FailingHandler::handle", 10, Map.of()),
                "Slow", function("Slow", FIXTURES + "SlowHandler::handle", 1, Map.of())),
            List.of(rest("POST", "/sized", "Sized"), rest("POST", "/upload", "Sized"), rest("GET", "/instances", "Instances"), http("GET", "/env", "Env"),
                http("GET", "/v2/boom", "Failing"), http("GET", "/v2/slow", "Slow"), http("POST", "/v2/sized", "Sized")),
            Map.of(), Map.of());
        stage = LocalStage.start(app, LocalStageTest.request(FunctionClasspath.withJackson()), LISTENER);
    }

    @AfterAll
    static void stop() {
        stage.close();
    }

    @Test
    void requestOverApiGatewaysTenMegabytesGets413AndNoFunctionRuns() throws Exception {
        HttpResponse<String> response = post("upload", new byte[10 * 1024 * 1024 + 1]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(TOO_LONG);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
        assertThat(LISTENER.messages(StageEvent.Severity.WARN)).contains("POST /upload sent a body over API Gateway's 10 MB"
            + " payload limit; the client got 413 Request Too Long; send less, or upload large files to S3 with a presigned URL");
        LocalRequestEvent reported = requestEvent("/upload");
        assertThat(reported.status()).isEqualTo(413);
        assertThat(reported.functionId()).as("no function ran").isNull();
    }

    @Test
    void eventOverLambdasSixMegabytesGets413EvenUnderTheGatewayLimit() throws Exception {
        HttpResponse<String> response = post("sized?bytes=1", "a".repeat(6_300_000).getBytes());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(TOO_LONG);
        assertThat(LISTENER.messages(StageEvent.Severity.WARN)).anyMatch(m -> m.matches(
            "The event for Sized on POST /sized is \\d{7} bytes, over Lambda's 6 MB invocation limit \\(6291456 bytes;"
            + " binary bodies grow by a third in base64\\); the client got 413 Request Too Long;"
            + " send less, or upload large files to S3 with a presigned URL"));
    }

    @Test
    void eventUnderLambdasLimitReachesTheFunction() throws Exception {
        HttpResponse<String> response = post("sized?bytes=1", "a".repeat(6_000_000).getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Body-Length")).contains("6000000");
    }

    @Test
    void responseOverLambdasSixMegabytesGets502() throws Exception {
        HttpResponse<String> response = post("sized?bytes=6300000", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal server error\"}");
        assertThat(LISTENER.messages(StageEvent.Severity.ERROR)).anyMatch(m -> m.matches(
            "Function Sized returned \\d{7} bytes on POST /sized, over Lambda's 6 MB response limit \\(6291556 bytes\\);"
            + " the client got 502 Internal server error; return less \\(paginate\\) or hand out an S3 presigned URL"));
    }

    @Test
    void responseUnderLambdasLimitIsServed() throws Exception {
        HttpResponse<String> response = post("sized?bytes=6200000", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(6_200_000);
    }

    @Test
    void throwingHandlerBehindAnHttpApiGets500AsHttpApisAnswer() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("v2/boom")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(LISTENER.events).filteredOn(e -> e instanceof HandlerFailedEvent).extracting(e -> ((HandlerFailedEvent) e).summary())
            .anyMatch(m -> m.matches("Function Failing threw java.lang.IllegalStateException: order store unavailable on GET /v2/boom"
                + " \\(request [0-9a-f-]{36}\\); the client got 500 Internal Server Error"));
    }

    @Test
    void handlerOverItsTimeoutBehindAnHttpApiGets500() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("v2/slow")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(LISTENER.messages(StageEvent.Severity.WARN)).contains("Function Slow did not answer GET /v2/slow within its"
            + " Timeout of 1 s; Lambda reports that as a function error and the client got 500 Internal Server Error;"
            + " raise Timeout in the template or make the handler faster");
    }

    @Test
    void responseOverLambdasSixMegabytesBehindAnHttpApiGets500() throws Exception {
        HttpResponse<String> response = post("v2/sized?bytes=6300000", new byte[0]);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void concurrentRequestsGetAnExecutionEnvironmentEachAndLaterOnesReuseThem() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            concurrent.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("instances")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> first = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : concurrent) {
            String body = f.get().body();
            assertThat(body).as("one handler object per class loader, as one per Lambda JVM").endsWith(" 1");
            first.add(body);
        }
        assertThat(first).hasSize(3);

        for (int i = 0; i < 3; i++) {
            String body = HTTP.send(HttpRequest.newBuilder(uri("instances")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(first).as("a sequential request is served warm").contains(body);
        }
    }

    @Test
    void handlerSeesOnlyItsTemplateVariablesAndLambdasReservedOnes() throws Exception {
        Map<String, String> env = environmentSeen(stage);

        assertThat(env.keySet()).containsExactlyInAnyOrder("TABLE_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "_HANDLER", "TZ", "LANG", "PATH");
        assertThat(env).containsEntry("TABLE_NAME", "orders").containsEntry("AWS_LAMBDA_FUNCTION_NAME", "Env")
            .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512").containsEntry("_HANDLER", FIXTURES + "EnvironmentHandler::handle")
            .containsEntry("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin").containsEntry("TZ", ":UTC");
        assertThat(System.getenv("PATH")).as("the build keeps its own environment").isNotEqualTo(env.get("PATH"));
    }

    @Test
    void handlerGetsTheCallersCredentialsOnlyWhenTheUserOptsIn() throws Exception {
        var caller = StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIDLOCAL", "secret-value", "token-value"));
        LocalApplication app = new LocalApplication(
            Map.of("Env", function("Env", FIXTURES + "EnvironmentHandler::handle", 10, Map.of())),
            List.of(http("GET", "/env", "Env")), Map.of(), Map.of());
        RecordingListener listener = new RecordingListener();
        var passing = new LocalStageRequest(Path.of("template.yaml"), FunctionClasspath.withJackson(), "local", 0, Map.of(), true);
        try (LocalStage withCredentials = LocalStage.start(app, passing, listener, caller);
             LocalStage without = LocalStage.start(app, LocalStageTest.request(FunctionClasspath.withJackson()), listener, caller)) {
            assertThat(environmentSeen(withCredentials)).containsEntry("AWS_ACCESS_KEY_ID", "AKIDLOCAL")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "secret-value").containsEntry("AWS_SESSION_TOKEN", "token-value");
            assertThat(environmentSeen(without)).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        }
        assertThat(listener.events).extracting(StageEvent::message).noneMatch(m -> m.contains("secret-value") || m.contains("token-value"));
    }

    @Test
    void optingInWithoutCredentialsFailsWithOneLine() {
        var request = new LocalStageRequest(Path.of("template.yaml"), FunctionClasspath.withJackson(), "local", 0, Map.of(), true);
        LocalApplication app = new LocalApplication(Map.of(), List.of(), Map.of(), Map.of());

        assertThatThrownBy(() -> LocalStage.start(app, request, event -> { },
                () -> { throw SdkClientException.create("Unable to load credentials from any of the providers in the chain"); }))
            .isInstanceOf(LocalStageException.class)
            .hasMessage("samstage.localPassCredentials=true but no AWS credentials were found for the handlers (Unable to load"
                + " credentials from any of the providers in the chain); configure credentials (aws configure, AWS_PROFILE)"
                + " or drop -Dsamstage.localPassCredentials");
    }

    @Test
    void portInUseNamesThePropertyThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var request = new LocalStageRequest(Path.of("template.yaml"), FunctionClasspath.withJackson(), "local", port, Map.of());

            assertThatThrownBy(() -> LocalStage.start(new LocalApplication(Map.of(), List.of(), Map.of(), Map.of()), request, event -> { }))
                .isInstanceOf(LocalStageException.class)
                .hasMessage("Cannot listen on 127.0.0.1:" + port + " (Address already in use); free the port or choose another"
                    + " with -Dsamstage.localPort=<port> (0 picks a free one)");
        }
    }

    /** The gateway's event for the request to {@code path}; it follows the response by a moment. */
    private static LocalRequestEvent requestEvent(String path) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            for (StageEvent e : LISTENER.events) {
                if (e instanceof LocalRequestEvent r && r.path().equals(path)) {
                    return r;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no request to " + path + " was reported");
    }

    private static Map<String, String> environmentSeen(LocalStage target) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(target.endpoint().resolve("env")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<Map<String, String>>() { });
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return stage.endpoint().resolve(path);
    }
}
