package dev.samstage.core.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * The emulated API Gateway: matches each HTTP request to a route, builds the proxy event,
 * invokes the function and maps its output (or failure) to the response API Gateway
 * would send.
 */
final class LocalGateway implements HttpHandler {

    private final LocalApplication application;
    private final RouteTable routes;
    private final Map<String, FunctionRuntime> functions;
    private final ExecutorService workers;
    private final String stage;
    private final StageListener listener;
    private final ApiKind unmatchedKind;
    private final ProxyEvents events = new ProxyEvents();
    private final ProxyResponses responses = new ProxyResponses();

    LocalGateway(LocalApplication application, Map<String, FunctionRuntime> functions, ExecutorService workers,
                 String stage, StageListener listener) {
        this.application = application;
        this.routes = new RouteTable(application.routes());
        this.functions = Map.copyOf(functions);
        this.workers = workers;
        this.stage = stage;
        this.listener = listener;
        // With any REST API in the template, an unknown path answers like a REST API does.
        this.unmatchedKind = application.routes().stream().anyMatch(r -> r.api() == ApiKind.REST) ? ApiKind.REST : ApiKind.HTTP;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            GatewayRequest request = new GatewayRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
            var match = routes.find(request.method(), request.rawPath());
            GatewayResponse response = match.isPresent()
                ? invoke(request, match.get(), domainName(exchange))
                : GatewayResponse.missingRoute(unmatchedKind);
            write(exchange, request, response);
            listener.on(new LocalRequestEvent(request.method(), request.rawPath(),
                match.map(m -> m.route().functionId()).orElse(null), response.status(),
                (System.nanoTime() - started) / 1_000_000));
        }
    }

    private GatewayResponse invoke(GatewayRequest request, RouteTable.Match match, String domainName) {
        LocalRoute route = match.route();
        FunctionRuntime function = functions.get(route.functionId());
        String requestId = UUID.randomUUID().toString();
        var invocation = new ProxyEvents.Invocation(requestId, stage, System.currentTimeMillis(), domainName,
            application.stageVariablesOf(route.apiId()), application.binaryMediaTypesOf(route.apiId()));
        try {
            byte[] event = events.event(request, match, invocation);
            byte[] output = function.invoke(workers, event, requestId,
                line -> listener.on(StageEvent.info("[" + route.functionId() + "] " + line.stripTrailing())));
            return responses.response(output, route, request.header("Accept"), application.binaryMediaTypesOf(route.apiId()));
        } catch (TimeoutException e) {
            listener.on(StageEvent.warn("Function " + route.functionId() + " did not answer " + route.routeKey()
                + " within " + Math.min(function.function().timeoutSeconds(), FunctionRuntime.GATEWAY_TIMEOUT_SECONDS)
                + " s (its Timeout, capped at API Gateway's 29 s); the client got 504"));
            return GatewayResponse.timedOut();
        } catch (ExecutionException e) {
            listener.on(new HandlerFailedEvent(route.functionId(), route.routeKey(), requestId, e.getCause()));
            return GatewayResponse.internalServerError();
        } catch (ProxyResponses.MalformedResponse e) {
            listener.on(StageEvent.error("Function " + route.functionId() + " returned a malformed Lambda proxy response on "
                + route.routeKey() + ": " + e.getMessage() + "; the client got 502 Internal server error"));
            return GatewayResponse.internalServerError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.gatewayError(503, "Service Unavailable", null);
        }
    }

    private static void write(HttpExchange exchange, GatewayRequest request, GatewayResponse response) throws IOException {
        response.headers().forEach((name, values) -> {
            for (String value : values) {
                exchange.getResponseHeaders().add(name, value);
            }
        });
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body();
        boolean noBody = body.length == 0 || request.method().equals("HEAD");
        // The JDK server reads length 0 as "chunked"; -1 means no body at all.
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String domainName(HttpExchange exchange) {
        List<String> host = exchange.getRequestHeaders().get("Host");
        return host == null || host.isEmpty() ? "localhost" : host.get(0);
    }
}
