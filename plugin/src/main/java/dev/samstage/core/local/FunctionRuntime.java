package dev.samstage.core.local;

import dev.samstage.lambda.runtime.LambdaContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One function and its emulated execution environments. As in Lambda, each concurrent
 * request gets an environment of its own (a new one when every existing one is busy: a
 * cold start), and an idle environment serves the next request warm. An environment whose
 * invocation timed out is discarded, as Lambda resets it.
 */
final class FunctionRuntime implements AutoCloseable {

    private final LocalFunction function;
    private final LocalFunctionCode code;
    private final Map<String, String> environment;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private boolean closed;

    /**
     * @param credentials the caller's AWS credential variables to pass on (empty unless the
     *                    user opted in), standing in for the function role's credentials
     */
    FunctionRuntime(LocalFunction function, LocalFunctionCode code, String region, Map<String, String> credentials) {
        this.function = function;
        this.code = code;
        this.environment = LambdaVariables.of(function, region, code.classpath(), credentials);
        idle.push(newEnvironment());
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
            Class.forName(className, false, idle.getFirst().loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new HandlerNotFoundException("Function " + function.logicalId() + ": Handler " + handler
                + " names class " + className + ", which is not on the function's class path " + code.classpath()
                + "; build the project (mvn package) or fix Handler in the template");
        }
    }

    /**
     * Invokes the handler with the event JSON on a worker thread, in an idle execution
     * environment or a new one, and returns its JSON output.
     *
     * @param timeoutSeconds how long to wait: the function's Timeout or the API's integration timeout
     * @throws TimeoutException      after {@code timeoutSeconds}
     * @throws ExecutionException    with the handler's own throwable as cause
     */
    byte[] invoke(ExecutorService workers, byte[] event, String requestId, int timeoutSeconds, Consumer<String> log)
            throws TimeoutException, ExecutionException, InterruptedException {
        LambdaContext facts = new LambdaContext(requestId, function.logicalId(), "$LATEST",
            "arn:aws:lambda:" + environment.get("AWS_REGION") + ":" + ProxyEvents.ACCOUNT_ID + ":function:" + function.logicalId(),
            function.memoryMb(), System.currentTimeMillis() + function.timeoutSeconds() * 1000L,
            environment.get("AWS_LAMBDA_LOG_GROUP_NAME"), environment.get("AWS_LAMBDA_LOG_STREAM_NAME"), log);
        ExecutionEnvironment target = acquire();
        Future<byte[]> result = workers.submit(() -> {
            try (EnvironmentOverlay.Scope ignored = EnvironmentOverlay.enter(environment)) {
                return target.invoke(event, facts);
            }
        });
        try {
            byte[] output = result.get(timeoutSeconds * 1000L, TimeUnit.MILLISECONDS);
            idle.push(target);
            return output;
        } catch (TimeoutException e) {
            result.cancel(true);
            discard(target);
            throw e;
        } catch (ExecutionException e) {
            // A handler that throws leaves its environment usable, as Lambda keeps it.
            idle.push(target);
            throw e;
        } catch (InterruptedException e) {
            result.cancel(true);
            discard(target);
            throw e;
        }
    }

    private ExecutionEnvironment acquire() {
        ExecutionEnvironment warm = idle.poll();
        return warm != null ? warm : newEnvironment();
    }

    private ExecutionEnvironment newEnvironment() {
        ExecutionEnvironment fresh = new ExecutionEnvironment(function, code.classpath(), created.incrementAndGet());
        synchronized (all) {
            if (closed) {
                fresh.close();
                throw new LocalStageException("The local stage is stopping; function " + function.logicalId() + " takes no more requests");
            }
            all.add(fresh);
        }
        return fresh;
    }

    private void discard(ExecutionEnvironment environment) {
        synchronized (all) {
            all.remove(environment);
        }
        environment.close();
    }

    /** The variables of a Lambda environment: the template's, Lambda's reserved ones and, if passed, credentials. */
    static final class LambdaVariables {

        private LambdaVariables() {
        }

        static Map<String, String> of(LocalFunction function, String region, List<Path> classpath, Map<String, String> credentials) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            // Lambda's reserved and default variables; a template cannot override the reserved ones.
            // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
            env.put("AWS_REGION", region);
            env.put("AWS_DEFAULT_REGION", region);
            env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + function.logicalId());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (function.runtime() == null ? "java21" : function.runtime()));
            env.put("LAMBDA_TASK_ROOT", classpath.isEmpty() ? "" : classpath.get(0).toAbsolutePath().toString());
            env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
            env.put("_HANDLER", function.handler());
            env.put("TZ", ":UTC");
            // Unreserved defaults a template may replace.
            env.putIfAbsent("LANG", "en_US.UTF-8");
            env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
            // Without the opt-in a handler has no credentials at all: the build's own never leak in.
            env.keySet().removeAll(CallerCredentials.NAMES);
            env.putAll(credentials);
            return Map.copyOf(env);
        }
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

    @Override
    public void close() {
        List<ExecutionEnvironment> environments;
        synchronized (all) {
            closed = true;
            environments = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
        environments.forEach(ExecutionEnvironment::close);
        code.close();
    }
}
