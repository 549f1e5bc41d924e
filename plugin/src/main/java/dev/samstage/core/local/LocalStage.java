package dev.samstage.core.local;

import com.sun.net.httpserver.HttpServer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SAM application served in this JVM behind an emulated API Gateway (Lambda proxy
 * integration, REST and HTTP APIs), with no AWS and no Docker.
 *
 * <p>{@link #start} reads the template, runs the template checks of every stage
 * ({@link dev.samstage.core.validate.TemplateValidation}) and the local ones (a handler
 * class that is not on the class path, a value with no local value, one route on two APIs)
 * before anything listens, each failing with one line, then listens on the loopback
 * interface. Handlers see only their function's environment (see {@link EnvironmentOverlay})
 * and run in one execution environment per concurrent request, as in Lambda. Every function,
 * behind an API or not, can also be invoked through Lambda's Invoke API on the same address
 * ({@link #lambdaEndpoint()}, see {@link LambdaInvokeApi}).
 */
public final class LocalStage implements AutoCloseable {

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    /** The property of the stage goals that sets {@link LocalStageRequest#port()}. */
    static final String PORT_PROPERTY = "samstage.localPort";

    private final HttpServer server;
    private final ExecutorService requestThreads;
    private final ExecutorService workers;
    private final Map<String, FunctionRuntime> functions;
    private final List<LocalRoute> routes;
    private final URI endpoint;

    private LocalStage(HttpServer server, ExecutorService requestThreads, ExecutorService workers,
                       Map<String, FunctionRuntime> functions, List<LocalRoute> routes) {
        this.server = server;
        this.requestThreads = requestThreads;
        this.workers = workers;
        this.functions = functions;
        this.routes = routes;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Reads the request's template and starts serving it. */
    public static LocalStage start(LocalStageRequest request, StageListener listener) {
        LocalApplication application = TemplateApplication.read(request.templateFile(), request.parameterOverrides(),
            FunctionRuntime.region(), listener);
        return start(application, request, listener);
    }

    static LocalStage start(LocalApplication application, LocalStageRequest request, StageListener listener) {
        return start(application, request, listener, DefaultCredentialsProvider.builder().build());
    }

    /** @param caller the credentials handed to handlers when the request passes them */
    static LocalStage start(LocalApplication application, LocalStageRequest request, StageListener listener,
                            AwsCredentialsProvider caller) {
        Path templateDir = request.templateFile().toAbsolutePath().getParent();
        RouteChecks.check(application, request.templateFile());
        Map<String, String> credentials = CallerCredentials.variables(request.passCredentials(), caller);
        String region = FunctionRuntime.region();
        Map<String, FunctionRuntime> runtimes = new LinkedHashMap<>();
        try {
            for (LocalRoute route : application.routes()) {
                if (!runtimes.containsKey(route.functionId())) {
                    LocalFunction function = application.functions().get(route.functionId());
                    runtimes.put(route.functionId(), runtime(function, templateDir, request, region, credentials));
                }
            }
            // The functions no route serves run through Lambda's Invoke API. Their code may be built
            // later than the stage starts (a hook's code assembled at package while samstage:run
            // stops at compile), so a function whose code cannot load is reported, not fatal.
            Map<String, String> unavailable = new LinkedHashMap<>();
            for (LocalFunction function : application.functions().values()) {
                if (!runtimes.containsKey(function.logicalId()) && invokable(function)) {
                    try {
                        runtimes.put(function.logicalId(), runtime(function, templateDir, request, region, credentials));
                    } catch (LocalStageException e) {
                        unavailable.put(function.logicalId(), e.getMessage());
                        listener.on(StageEvent.warn("Lambda Invoke of " + function.logicalId() + " will fail: " + e.getMessage()));
                    }
                }
            }
            EnvironmentOverlay.installOrWarn(listener);
            // The JDK server writes headers and body separately; with Nagle's algorithm on, the
            // client's delayed ACK adds ~40 ms to every response. Read once, when the server
            // class first loads, so an explicit setting from the build wins.
            if (System.getProperty(NO_DELAY) == null) {
                System.setProperty(NO_DELAY, "true");
            }
            ExecutorService requestThreads = Executors.newCachedThreadPool(daemonThreads("samstage-local-http"));
            ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("samstage-local-invoke"));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), request.port()), 0);
            server.createContext("/", new LocalGateway(application, runtimes, workers, request.stageName(), listener));
            Map<String, FunctionRuntime> inTemplateOrder = new LinkedHashMap<>();
            application.functions().keySet().stream().filter(runtimes::containsKey)
                .forEach(id -> inTemplateOrder.put(id, runtimes.get(id)));
            server.createContext(LambdaInvokeApi.PATH, new LambdaInvokeApi(inTemplateOrder, unavailable,
                application.logicalIdsByName(), workers, region, listener));
            server.setExecutor(requestThreads);
            server.start();
            LocalStage stage = new LocalStage(server, requestThreads, workers, runtimes, application.routes());
            listener.on(StageEvent.info("Local stage " + request.stageName() + " listening on " + stage.endpoint()
                + " with " + application.routes().size() + " route(s)" + notServed(application)));
            for (LocalRoute route : application.routes()) {
                listener.on(StageEvent.info("  " + route.describe()));
            }
            listener.on(StageEvent.info("  Lambda Invoke API: POST " + stage.lambdaEndpoint().resolve(
                LambdaInvokeApi.PATH.substring(1)) + "{FunctionName}/invocations"));
            return stage;
        } catch (IOException e) {
            runtimes.values().forEach(FunctionRuntime::close);
            throw new LocalStageException("Cannot listen on 127.0.0.1:" + request.port() + " (" + e.getMessage()
                + "); free the port or choose another with -D" + PORT_PROPERTY + "=<port> (0 picks a free one)", e);
        } catch (RuntimeException e) {
            runtimes.values().forEach(FunctionRuntime::close);
            throw e;
        }
    }

    private static FunctionRuntime runtime(LocalFunction function, Path templateDir, LocalStageRequest request,
                                           String region, Map<String, String> credentials) {
        FunctionRuntime runtime = new FunctionRuntime(function, LocalFunctionCode.of(function, templateDir, request),
            region, credentials);
        try {
            runtime.checkHandlerClass();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /** A function the stage can run: Java (validation refuses the others for the local stage) with a Handler. */
    private static boolean invokable(LocalFunction function) {
        return (function.runtime() == null || function.runtime().startsWith("java"))
            && function.handler() != null && !function.handler().isBlank();
    }

    /** Names the functions no route invokes, so their absence from the routes is no surprise. */
    private static String notServed(LocalApplication application) {
        List<String> served = application.routes().stream().map(LocalRoute::functionId).toList();
        List<String> others = application.functions().keySet().stream().filter(id -> !served.contains(id)).toList();
        return others.isEmpty() ? ""
            : "; not served over HTTP (run them with samstage:invoke or Lambda's Invoke API): " + String.join(", ", others);
    }

    /** The base URI of the stage, with a trailing slash, e.g. {@code http://127.0.0.1:3000/}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The endpoint of Lambda's Invoke API on this stage, for an AWS SDK {@code LambdaClient}'s
     * {@code endpointOverride}: the stage's own address, as the Invoke API's path is its own.
     */
    public URI lambdaEndpoint() {
        return endpoint;
    }

    public List<LocalRoute> routes() {
        return routes;
    }

    /** Stops listening and releases the functions' class loaders. Handlers still running are interrupted. */
    @Override
    public void close() {
        server.stop(0);
        requestThreads.shutdownNow();
        workers.shutdownNow();
        functions.values().forEach(FunctionRuntime::close);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
