package dev.samstage.testkit.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local HTTP servers for the hook tests: a stage of the service (health, catalog, a broken
 * orders resource) and CodeDeploy's JSON 1.1 endpoint for PutLifecycleEventHookExecutionStatus,
 * recording what the hook reported as a real AWS SDK client sends it.
 */
final class LocalHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> hookStatuses = new CopyOnWriteArrayList<>();

    private LocalHttp(HttpServer server) {
        this.server = server;
    }

    /** The service: GET /health and /catalog work, GET /orders fails with a body that leaks a key. */
    static LocalHttp service(String leakedKey) {
        LocalHttp http = start();
        http.server.createContext("/health", ex -> answer(ex, 200, "text/plain", "ok"));
        http.server.createContext("/catalog", ex -> answer(ex, 200, "application/json", "[{\"sku\":\"A-1\"}]"));
        http.server.createContext("/orders", ex -> answer(ex, 500, "text/plain", "upstream rejected key " + leakedKey));
        return http;
    }

    /** CodeDeploy: answers PutLifecycleEventHookExecutionStatus as AWS does and records the request. */
    static LocalHttp codeDeploy() {
        LocalHttp http = start();
        http.server.createContext("/", ex -> {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus".equals(target)) {
                answer(ex, 400, "application/x-amz-json-1.1", "{\"__type\":\"UnknownOperationException\"}");
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            http.hookStatuses.add(body);
            answer(ex, 200, "application/x-amz-json-1.1",
                    "{\"lifecycleEventHookExecutionId\":" + body.get("lifecycleEventHookExecutionId") + "}");
        });
        return http;
    }

    private static LocalHttp start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return new LocalHttp(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The PutLifecycleEventHookExecutionStatus bodies received, in order. */
    List<JsonNode> hookStatuses() {
        return hookStatuses;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
