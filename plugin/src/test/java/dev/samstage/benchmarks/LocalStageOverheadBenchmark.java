package dev.samstage.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import dev.samstage.core.local.fixtures.TrivialHandler;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the local stage's per-request overhead with a handler that does nothing: the
 * round trip through the emulator against the same round trip to a bare JDK HTTP server on
 * the same client. Prints p50/p99; asserts only that every request succeeded (timings
 * depend on the machine). Not run by default (its name is outside Surefire's includes):
 * {@code ./mvnw -B -o -q -pl plugin test -Dtest=LocalStageOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.skip=true}.
 */
@Tag("benchmark")
class LocalStageOverheadBenchmark {

    @TempDir
    Path dir;

    private static final int WARMUP = 2_000;
    private static final int MEASURED = 5_000;

    @Test
    void reportsPerRequestOverhead() throws Exception {
        // Before any JDK HTTP server starts, as LocalStage does: without it both servers pay ~40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpClient client = HttpClient.newHttpClient();
        Path template = Files.writeString(dir.resolve("template.yaml"), """
            Resources:
              Trivial:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.samstage.core.local.fixtures.TrivialHandler::handle
                  Events:
                    Get: {Type: Api, Properties: {Path: '/items/{id}', Method: get}}
            """);
        List<Path> classpath = List.of(location(TrivialHandler.class), location(RequestHandler.class),
            location(ObjectMapper.class), location(JsonFactory.class), location(JsonInclude.class));
        HttpServer bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bare.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        bare.start();
        try (LocalStage stage = LocalStage.start(new LocalStageRequest(template, classpath, "local", 0, Map.of()), event -> { })) {
            URI emulated = stage.endpoint().resolve("items/42?expand=all");
            URI baseline = URI.create("http://127.0.0.1:" + bare.getAddress().getPort() + "/items/42?expand=all");
            measure(client, emulated, WARMUP);
            measure(client, baseline, WARMUP);
            long[] stageNanos = measure(client, emulated, MEASURED);
            long[] bareNanos = measure(client, baseline, MEASURED);
            System.out.printf("local stage round trip: p50 %.3f ms, p99 %.3f ms%n", p(stageNanos, 50), p(stageNanos, 99));
            System.out.printf("bare JDK server round trip: p50 %.3f ms, p99 %.3f ms%n", p(bareNanos, 50), p(bareNanos, 99));
            System.out.printf("emulator overhead: p50 %.3f ms, p99 %.3f ms%n",
                p(stageNanos, 50) - p(bareNanos, 50), p(stageNanos, 99) - p(bareNanos, 99));
        } finally {
            bare.stop(0);
        }
    }

    private static long[] measure(HttpClient client, URI uri, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "application/json").build();
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return nanos;
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[index] / 1_000_000.0;
    }
}
