package dev.samstage.core.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Lambda's Invoke API on the local stage ({@code POST /2015-03-31/functions/{FunctionName}/invocations}),
 * as {@code sam local start-lambda} serves it: an AWS SDK {@code LambdaClient} whose endpoint is the
 * local stage runs any function of the template in this JVM, so suites of functions that no API
 * serves (queues, rules, schedules) can invoke them with an event and check the result.
 *
 * <p>{@code FunctionName} is the template's logical id or the {@code FunctionName} the template
 * gives, alone or in an ARN; a qualifier runs the one local version. Invocation types
 * {@code RequestResponse} (default), {@code Event} (202, runs in the background) and
 * {@code DryRun} (204); {@code X-Amz-Log-Type: Tail} returns the last 4 KB of the function's log
 * lines in {@code X-Amz-Log-Result}, as Lambda does.
 */
final class LambdaInvokeApi implements HttpHandler {

    /** The path prefix of Lambda's Invoke API, a context of the local stage's server. */
    static final String PATH = "/2015-03-31/functions/";
    private static final String INVOCATIONS = "/invocations";
    /** Lambda returns at most the last 4 KB of the log with {@code LogType=Tail}. */
    private static final int LOG_TAIL_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionRuntime> functions;
    private final Map<String, String> unavailable;
    private final Map<String, String> logicalIdsByName;
    private final ExecutorService workers;
    private final String region;
    private final StageListener listener;

    /**
     * @param functions        every function the stage runs, by logical id, in template order
     * @param unavailable      why the code of each other function of the template cannot load, by logical id
     * @param logicalIdsByName the {@code FunctionName} the template gives a function, to its logical id
     */
    LambdaInvokeApi(Map<String, FunctionRuntime> functions, Map<String, String> unavailable,
                    Map<String, String> logicalIdsByName, ExecutorService workers, String region, StageListener listener) {
        this.functions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        this.unavailable = Map.copyOf(unavailable);
        this.logicalIdsByName = Map.copyOf(logicalIdsByName);
        this.workers = workers;
        this.region = region;
        this.listener = listener;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long started = System.nanoTime();
            String rawPath = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String[] target = {null};
            InvokeResponse response = answer(exchange, method, rawPath, target);
            write(exchange, response);
            listener.on(new LocalRequestEvent(method, rawPath, target[0], response.status(),
                (System.nanoTime() - started) / 1_000_000));
        }
    }

    private InvokeResponse answer(HttpExchange exchange, String method, String rawPath, String[] target) throws IOException {
        if (!rawPath.startsWith(PATH) || !rawPath.endsWith(INVOCATIONS) || rawPath.length() <= PATH.length() + INVOCATIONS.length()) {
            return InvokeResponse.invalidParameter("The local stage serves Lambda's Invoke API only: POST "
                + PATH + "{FunctionName}" + INVOCATIONS);
        }
        if (!method.equals("POST")) {
            return InvokeResponse.unsupportedMethod(method);
        }
        String requested = URLDecoder.decode(rawPath.substring(PATH.length(), rawPath.length() - INVOCATIONS.length()),
            StandardCharsets.UTF_8);
        String name = functionName(requested);
        Optional<FunctionRuntime> function = find(name);
        String id = logicalIdsByName.getOrDefault(name, name);
        if (function.isEmpty() && unavailable.containsKey(id)) {
            target[0] = id;
            // as Lambda reports a handler class that cannot be loaded: a function error at init
            return InvokeResponse.codeNotLoaded(unavailable.get(id));
        }
        if (function.isEmpty()) {
            listener.on(StageEvent.warn("Lambda Invoke of " + requested + ": no such function in the template; its functions: "
                + String.join(", ", functions.keySet())));
            return InvokeResponse.notFound("arn:aws:lambda:" + region + ":" + ProxyEvents.ACCOUNT_ID + ":function:" + name);
        }
        target[0] = function.get().function().logicalId();
        byte[] event = exchange.getRequestBody().readNBytes(PayloadLimits.LAMBDA_REQUEST_BYTES + 1);
        if (event.length > PayloadLimits.LAMBDA_REQUEST_BYTES) {
            drain(exchange.getRequestBody());
            return InvokeResponse.requestTooLarge();
        }
        if (event.length == 0) {
            event = "{}".getBytes(StandardCharsets.UTF_8); // an invocation without payload gets {}, as in Lambda
        }
        try {
            JSON.readTree(event);
        } catch (JsonProcessingException e) {
            return InvokeResponse.invalidContent(e.getOriginalMessage());
        }
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type")).orElse("RequestResponse");
        boolean tail = "Tail".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"));
        return switch (type) {
            case "RequestResponse" -> invoke(function.get(), event, tail);
            case "DryRun" -> InvokeResponse.dryRun();
            case "Event" -> {
                byte[] payload = event;
                workers.submit(() -> invoke(function.get(), payload, false));
                yield InvokeResponse.accepted();
            }
            default -> InvokeResponse.invalidParameter("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got " + type);
        };
    }

    private InvokeResponse invoke(FunctionRuntime runtime, byte[] event, boolean tail) {
        LocalFunction function = runtime.function();
        String id = function.logicalId();
        String requestId = UUID.randomUUID().toString();
        StringBuilder log = new StringBuilder();
        Consumer<String> lines = line -> {
            synchronized (log) {
                log.append(line.endsWith("\n") ? line : line + "\n");
            }
            listener.on(StageEvent.info("[" + id + "] " + line.stripTrailing()));
        };
        try {
            byte[] output = runtime.invoke(workers, event, requestId, function.timeoutSeconds(), lines);
            if (output.length > PayloadLimits.LAMBDA_RESPONSE_BYTES) {
                listener.on(StageEvent.error("Function " + id + " returned " + output.length + " bytes, over Lambda's 6 MB"
                    + " response limit (" + PayloadLimits.LAMBDA_RESPONSE_BYTES + " bytes); the caller got"
                    + " Function.ResponseSizeTooLarge; return less, or write the result to S3 and return its key"));
                return InvokeResponse.responseTooLarge(tail(log, tail));
            }
            return InvokeResponse.result(output, tail(log, tail));
        } catch (TimeoutException e) {
            listener.on(StageEvent.warn("Function " + id + " timed out after its Timeout of " + function.timeoutSeconds()
                + " s; the caller got Sandbox.Timedout; raise Timeout in the template or make the handler faster"));
            return InvokeResponse.timedOut(requestId, function.timeoutSeconds(), tail(log, tail));
        } catch (ExecutionException e) {
            listener.on(new HandlerFailedEvent(id, "Lambda Invoke", requestId, e.getCause(),
                "200 with X-Amz-Function-Error: Unhandled"));
            return InvokeResponse.handlerFailed(e.getCause(), tail(log, tail));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvokeResponse.serviceError("The local stage is stopping");
        } catch (LocalStageException e) {
            return InvokeResponse.serviceError(e.getMessage());
        }
    }

    /**
     * The function's name in a {@code FunctionName} path parameter: a name, {@code name:qualifier},
     * {@code account:function:name[:qualifier]} or {@code arn:aws:lambda:region:account:function:name[:qualifier]}.
     */
    static String functionName(String requested) {
        String[] parts = requested.split(":", -1);
        if (parts.length >= 7 && parts[0].equals("arn")) {
            return parts[6];
        }
        if (parts.length >= 3 && parts[1].equals("function")) {
            return parts[2];
        }
        return parts[0];
    }

    private Optional<FunctionRuntime> find(String name) {
        FunctionRuntime byId = functions.get(name);
        return byId != null ? Optional.of(byId) : Optional.ofNullable(logicalIdsByName.get(name)).map(functions::get);
    }

    private static String tail(StringBuilder log, boolean wanted) {
        if (!wanted) {
            return null;
        }
        byte[] bytes;
        synchronized (log) {
            bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        }
        int from = Math.max(0, bytes.length - LOG_TAIL_BYTES);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void write(HttpExchange exchange, InvokeResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body();
        // The JDK server reads length 0 as "chunked"; -1 means no body at all.
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
