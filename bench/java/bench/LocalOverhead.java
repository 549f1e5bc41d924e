package bench;

import com.sun.net.httpserver.HttpServer;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import java.io.IOException;
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
import java.util.concurrent.Executors;

/**
 * Per-request latency of the local stage (API Gateway emulator + Lambda proxy invocation of a
 * handler that does nothing), next to a bare JDK HTTP server answering the same bytes: the
 * difference is what the emulator itself costs per request.
 *
 * <p>Usage: {@code LocalOverhead CLASSES_DIR WORK_DIR WARMUP REQUESTS}; {@code CLASSES_DIR}
 * holds {@code bench/Ping.class}. Prints {@code local_p50_us=.. local_p99_us=.. raw_p50_us=..
 * raw_p99_us=..}. Requests are sequential on one keep-alive connection, so the figures are
 * latency, not throughput.</p>
 */
public final class LocalOverhead {

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int warmup = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        Files.createDirectories(work);
        Path template = work.resolve("template.yaml");
        Files.writeString(template, """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  PingFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: %s
                      Handler: bench.Ping::handle
                      Runtime: java21
                      Events:
                        Ping:
                          Type: Api
                          Properties:
                            Path: /ping
                            Method: get
                """.formatted(classes));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        long[] local;
        try (LocalStage stage = LocalStage.start(new LocalStageRequest(template, List.of(), "bench", 0, Map.of()),
                StageListener.IGNORE)) {
            local = measure(client, stage.endpoint().resolve("ping"), warmup, requests);
        }

        HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
        raw.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        raw.setExecutor(Executors.newCachedThreadPool());
        raw.start();
        long[] bare;
        try {
            bare = measure(client, URI.create("http://127.0.0.1:" + raw.getAddress().getPort() + "/ping"), warmup,
                    requests);
        } finally {
            raw.stop(0);
        }
        System.out.printf("local_p50_us=%d local_p99_us=%d raw_p50_us=%d raw_p99_us=%d requests=%d%n",
                percentile(local, 50), percentile(local, 99), percentile(bare, 50), percentile(bare, 99), requests);
        System.exit(0);
    }

    private static long[] measure(HttpClient client, URI uri, int warmup, int requests)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        for (int i = 0; i < warmup; i++) {
            check(client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        long[] micros = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            micros[i] = (System.nanoTime() - start) / 1_000;
            check(response);
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().equals("pong")) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
