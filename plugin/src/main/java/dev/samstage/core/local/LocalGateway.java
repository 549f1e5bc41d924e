package dev.samstage.core.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            Optional<byte[]> body = body(exchange);
            if (body.isEmpty()) {
                listener.on(StageEvent.warn(method + " " + rawPath + " sent a body over API Gateway's 10 MB payload limit;"
                    + " the client got 413 Request Too Long; send less, or upload large files to S3 with a presigned URL"));
                finish(exchange, method, rawPath, null, GatewayResponse.requestTooLarge(), started);
                return;
            }
            GatewayRequest request = new GatewayRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
            var match = routes.find(request.method(), request.rawPath());
            GatewayResponse response = match.isPresent()
                ? invoke(request, match.get(), domainName(exchange))
                : GatewayResponse.missingRoute(unmatchedKind);
            finish(exchange, method, rawPath, match.map(m -> m.route().functionId()).orElse(null), response, started);
        }
    }

    private void finish(HttpExchange exchange, String method, String rawPath, String functionId, GatewayResponse response,
                        long started) throws IOException {
        write(exchange, method, response);
        listener.on(new LocalRequestEvent(method, rawPath, functionId, response.status(),
            (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * The request body, or empty when it is over API Gateway's payload limit. The rest of an
     * oversized body is read and dropped, so the client, still sending, gets the 413.
     */
    private static Optional<byte[]> body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(PayloadLimits.GATEWAY_REQUEST_BYTES + 1);
        if (bytes.length > PayloadLimits.GATEWAY_REQUEST_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private GatewayResponse invoke(GatewayRequest request, RouteTable.Match match, String domainName) {
        LocalRoute route = match.route();
        FunctionRuntime function = functions.get(route.functionId());
        InvocationTimeout timeout = InvocationTimeout.of(function.function(), route.api());
        String requestId = UUID.randomUUID().toString();
        var invocation = new ProxyEvents.Invocation(requestId, stage, System.currentTimeMillis(), domainName,
            application.stageVariablesOf(route.apiId()), application.binaryMediaTypesOf(route.apiId()));
        try {
            byte[] event = events.event(request, match, invocation);
            if (event.length > PayloadLimits.LAMBDA_REQUEST_BYTES) {
                listener.on(StageEvent.warn("The event for " + route.functionId() + " on " + route.routeKey() + " is "
                    + event.length + " bytes, over Lambda's 6 MB invocation limit (" + PayloadLimits.LAMBDA_REQUEST_BYTES
                    + " bytes; binary bodies grow by a third in base64); the client got 413 Request Too Long;"
                    + " send less, or upload large files to S3 with a presigned URL"));
                return GatewayResponse.requestTooLarge();
            }
            byte[] output = function.invoke(workers, event, requestId, timeout.seconds(),
                line -> listener.on(StageEvent.info("[" + route.functionId() + "] " + line.stripTrailing())));
            if (output.length > PayloadLimits.LAMBDA_RESPONSE_BYTES) {
                listener.on(StageEvent.error("Function " + route.functionId() + " returned " + output.length + " bytes on "
                    + route.routeKey() + ", over Lambda's 6 MB response limit (" + PayloadLimits.LAMBDA_RESPONSE_BYTES
                    + " bytes); the client got " + GatewayResponse.functionFailedSummary(route.api())
                    + "; return less (paginate) or hand out an S3 presigned URL"));
                return GatewayResponse.functionFailed(route.api());
            }
            return responses.response(output, route, request.header("Accept"), application.binaryMediaTypesOf(route.apiId()));
        } catch (TimeoutException e) {
            listener.on(StageEvent.warn(timeout.gatewayFirst()
                ? "Function " + route.functionId() + " did not answer " + route.routeKey() + " within API Gateway's "
                    + timeout.seconds() + " s integration timeout (its Timeout is " + function.function().timeoutSeconds()
                    + " s); the client got 504 Endpoint request timed out; make the handler faster or make the work asynchronous"
                : "Function " + route.functionId() + " did not answer " + route.routeKey() + " within its Timeout of "
                    + timeout.seconds() + " s; Lambda reports that as a function error and the client got "
                    + GatewayResponse.functionFailedSummary(route.api()) + "; raise Timeout in the template or make the handler faster"));
            return timeout.response();
        } catch (ExecutionException e) {
            listener.on(new HandlerFailedEvent(route.functionId(), route.routeKey(), requestId, e.getCause(),
                GatewayResponse.functionFailedSummary(route.api())));
            return GatewayResponse.functionFailed(route.api());
        } catch (ProxyResponses.MalformedResponse e) {
            listener.on(StageEvent.error("Function " + route.functionId() + " returned a malformed Lambda proxy response on "
                + route.routeKey() + ": " + e.getMessage() + "; the client got " + GatewayResponse.functionFailedSummary(route.api())));
            return GatewayResponse.functionFailed(route.api());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.gatewayError(503, "Service Unavailable", null);
        }
    }

    private static void write(HttpExchange exchange, String method, GatewayResponse response) throws IOException {
        response.headers().forEach((name, values) -> {
            for (String value : values) {
                exchange.getResponseHeaders().add(name, value);
            }
        });
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body();
        boolean noBody = body.length == 0 || method.equals("HEAD");
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
