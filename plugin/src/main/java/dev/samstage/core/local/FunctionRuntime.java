package dev.samstage.core.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.local.bridge.BridgeClassLoader;
import dev.samstage.core.local.bridge.InvocationFacts;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One function, loaded from its own code in an isolated class loader (parent: the
 * platform loader) so that the service's versions of the Lambda libraries and Jackson are
 * the ones that run, as in Lambda. When the service brings no Jackson, the plugin's
 * Jackson is layered under the bridge, standing in for the serializer the Lambda runtime
 * brings.
 */
final class FunctionRuntime implements AutoCloseable {

    /** API Gateway's integration timeout; a longer function Timeout still ends here. */
    static final int GATEWAY_TIMEOUT_SECONDS = 29;

    private final LocalFunction function;
    private final FunctionCode code;
    private final URLClassLoader loader;
    private final URLClassLoader jacksonLoader;
    private final BiFunction<byte[], Map<String, Object>, byte[]> bridge;
    private final Map<String, String> environment;

    FunctionRuntime(LocalFunction function, FunctionCode code) {
        this.function = function;
        this.code = code;
        this.loader = new URLClassLoader("function-" + function.logicalId(), urls(code.classpath()),
            ClassLoader.getPlatformClassLoader());
        this.jacksonLoader = has(loader, "com.fasterxml.jackson.databind.ObjectMapper")
            ? null
            : new URLClassLoader("function-" + function.logicalId() + "-serializer",
                urls(List.of(location(ObjectMapper.class), location(JsonFactory.class), location(JsonInclude.class))), loader);
        try {
            this.bridge = new BridgeClassLoader(jacksonLoader == null ? loader : jacksonLoader).bridge(function.handler(), loader);
        } catch (ReflectiveOperationException e) {
            throw new LocalStageException("Cannot load the local invocation bridge for " + function.logicalId() + ": " + e, e);
        }
        this.environment = lambdaEnvironment(function, code.classpath());
    }

    LocalFunction function() {
        return function;
    }

    /**
     * Checks, without initialising it, that the handler class is on the function's class
     * path, so a typo fails the stage before it starts.
     */
    void checkHandlerClass() {
        String handler = function.handler();
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new HandlerNotFoundException("Function " + function.logicalId() + ": Handler " + handler
                + " names class " + className + ", which is not on the function's class path " + code.classpath()
                + "; build the project (mvn package) or fix Handler in the template");
        }
    }

    /**
     * Invokes the handler with the event JSON on a worker thread and returns its JSON output.
     *
     * @throws TimeoutException      after the function's Timeout (capped at API Gateway's 29 s)
     * @throws ExecutionException    with the handler's own throwable as cause
     */
    byte[] invoke(ExecutorService workers, byte[] event, String requestId, Consumer<String> log)
            throws TimeoutException, ExecutionException, InterruptedException {
        long timeoutMillis = Math.min(function.timeoutSeconds(), GATEWAY_TIMEOUT_SECONDS) * 1000L;
        Map<String, Object> facts = new HashMap<>();
        facts.put(InvocationFacts.REQUEST_ID, requestId);
        facts.put(InvocationFacts.FUNCTION_NAME, function.logicalId());
        facts.put(InvocationFacts.FUNCTION_VERSION, "$LATEST");
        facts.put(InvocationFacts.FUNCTION_ARN, "arn:aws:lambda:" + environment.get("AWS_REGION") + ":"
            + ProxyEvents.ACCOUNT_ID + ":function:" + function.logicalId());
        facts.put(InvocationFacts.MEMORY_MB, function.memoryMb());
        facts.put(InvocationFacts.DEADLINE_MILLIS, System.currentTimeMillis() + function.timeoutSeconds() * 1000L);
        facts.put(InvocationFacts.LOG_GROUP, environment.get("AWS_LAMBDA_LOG_GROUP_NAME"));
        facts.put(InvocationFacts.LOG_STREAM, environment.get("AWS_LAMBDA_LOG_STREAM_NAME"));
        facts.put(InvocationFacts.LOG_SINK, log);
        Future<byte[]> result = workers.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try (EnvironmentOverlay.Scope ignored = EnvironmentOverlay.enter(environment)) {
                return bridge.apply(event, facts);
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
        try {
            return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw e;
        }
    }

    /** The variables the handler sees: the template's, plus those Lambda always sets. */
    private static Map<String, String> lambdaEnvironment(LocalFunction function, List<Path> classpath) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        String region = region();
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + function.logicalId());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (function.runtime() == null ? "java21" : function.runtime()));
        env.put("LAMBDA_TASK_ROOT", classpath.isEmpty() ? "" : classpath.get(0).toAbsolutePath().toString());
        env.put("_HANDLER", function.handler());
        env.put("TZ", ":UTC");
        return env;
    }

    /** The region handlers run in: the build's AWS_REGION or AWS_DEFAULT_REGION, else us-east-1. */
    static String region() {
        return firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"), "us-east-1");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static boolean has(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new LocalStageException("Cannot locate " + type.getName() + " to serialise events: " + e.getMessage(), e);
        }
    }

    private static URL[] urls(List<Path> paths) {
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new LocalStageException("Class path entry " + p + " is not a valid location: " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public void close() {
        try {
            if (jacksonLoader != null) {
                jacksonLoader.close();
            }
            loader.close();
        } catch (IOException e) {
            // Closing only releases jar handles; nothing to report to the user.
        }
        code.close();
    }
}
