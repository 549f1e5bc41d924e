package dev.samstage.sample.hooks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One release of the API on a local port, served the way API Gateway's {@code Prod} stage
 * serves it through the Lambda proxy integration: the stage name leads the URL and is not
 * part of the event's path; method, path, query, headers and body go to the handler; its
 * status, headers and body come back.
 */
final class LocalQuoteApi implements AutoCloseable {

    static final String STAGE = "Prod";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalQuoteApi(HttpServer server) {
        this.server = server;
    }

    static LocalQuoteApi serving(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> release) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LocalQuoteApi api = new LocalQuoteApi(server);
            server.createContext("/" + STAGE + "/", exchange -> api.serve(exchange, release));
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stage's invoke URL, as the stack's {@code ApiUrl} output gives it. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE);
    }

    /** {@code METHOD /path -> status}, in the order served. */
    List<String> requests() {
        return requests;
    }

    private void serve(HttpExchange exchange, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> release)
            throws IOException {
        String path = exchange.getRequestURI().getPath().substring(STAGE.length() + 1);
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(path)
                .withHeaders(headers)
                .withQueryStringParameters(query(exchange.getRequestURI().getRawQuery()))
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);

        APIGatewayProxyResponseEvent response = release.handleRequest(request, new RecordingContext());
        requests.add(exchange.getRequestMethod() + " " + path + " -> " + response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(exchange.getResponseHeaders()::add);
        }
        byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            parameters.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
