package dev.samstage.core.local;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * Runs one function of a SAM template in this JVM with one event, as {@code sam local invoke}
 * does without Docker: for functions no API serves (queues, topics, buckets, rules, schedules,
 * streams). The function runs as the local stage runs it: its own class loader, its own
 * environment variables, its {@code Timeout}, Lambda's 6 MB payload limits.
 *
 * <p>Every failure is one line: an unknown function (naming the template's functions), an
 * event that cannot be read, a function that is not Java, the handler throwing or timing out.
 */
public final class LocalInvoker {

    static final String FUNCTION_PROPERTY = "samstage.function";

    private LocalInvoker() {
    }

    /** Invokes the request's function and writes its result to {@code <outputDir>/<functionId>.json}. */
    public static LocalInvocation invoke(LocalInvokeRequest request, StageListener listener) {
        LocalStageRequest stage = request.stage();
        LocalApplication application = TemplateApplication.read(stage.templateFile(), stage.parameterOverrides(),
            FunctionRuntime.region(), listener);
        return invoke(application, request, listener, DefaultCredentialsProvider.builder().build());
    }

    static LocalInvocation invoke(LocalApplication application, LocalInvokeRequest request, StageListener listener,
                                  AwsCredentialsProvider caller) {
        LocalStageRequest stage = request.stage();
        LocalFunction function = function(application, request.functionId(), stage.templateFile());
        InvocationEvent event = InvocationEvent.resolve(request.event(), stage.projectDir());
        if (event.json().length > PayloadLimits.LAMBDA_REQUEST_BYTES) {
            throw new LocalStageException("The event (" + event.source() + ") is " + event.json().length
                + " bytes, over Lambda's 6 MB invocation limit (" + PayloadLimits.LAMBDA_REQUEST_BYTES
                + " bytes); Lambda would refuse it; send a smaller event");
        }
        Path templateDir = stage.templateFile().toAbsolutePath().getParent();
        Map<String, String> credentials = CallerCredentials.variables(stage.passCredentials(), caller);
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "samstage-local-invoke-" + function.logicalId());
            thread.setDaemon(true);
            return thread;
        });
        try (FunctionRuntime runtime = new FunctionRuntime(function, LocalFunctionCode.of(function, templateDir, stage),
                FunctionRuntime.region(), credentials)) {
            runtime.checkHandlerClass();
            EnvironmentOverlay.installOrWarn(listener);
            listener.on(StageEvent.info("Invoking " + function.logicalId() + " (" + function.handler() + ") with "
                + event.source()));
            byte[] output = run(runtime, worker, event, listener);
            Path file = request.outputDir().resolve(function.logicalId() + ".json");
            write(file, output);
            return new LocalInvocation(function.logicalId(), output, file);
        } finally {
            worker.shutdownNow();
        }
    }

    private static byte[] run(FunctionRuntime runtime, ExecutorService worker, InvocationEvent event, StageListener listener) {
        LocalFunction function = runtime.function();
        String id = function.logicalId();
        String requestId = UUID.randomUUID().toString();
        byte[] output;
        try {
            output = runtime.invoke(worker, event.json(), requestId, function.timeoutSeconds(),
                line -> listener.on(StageEvent.info("[" + id + "] " + line.stripTrailing())));
        } catch (TimeoutException e) {
            throw new LocalStageException("Function " + id + " timed out after its Timeout of " + function.timeoutSeconds()
                + " s (Lambda: \"Task timed out after " + function.timeoutSeconds() + ".00 seconds\");"
                + " raise Timeout in the template or make the handler faster");
        } catch (ExecutionException e) {
            Throwable error = e.getCause();
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            listener.on(StageEvent.debug(trace.toString().stripTrailing()));
            throw new LocalStageException("Function " + id + " threw " + error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + firstLine(error.getMessage()))
                + " (request " + requestId + "); fix the handler (mvn -X shows its stack trace)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStageException("The invocation of " + id + " was interrupted");
        }
        if (output.length > PayloadLimits.LAMBDA_RESPONSE_BYTES) {
            throw new LocalStageException("Function " + id + " returned " + output.length + " bytes, over Lambda's 6 MB"
                + " response limit (" + PayloadLimits.LAMBDA_RESPONSE_BYTES + " bytes); return less, or write the result"
                + " to S3 and return its key");
        }
        return output;
    }

    private static LocalFunction function(LocalApplication application, String functionId, Path template) {
        String known = application.functions().isEmpty() ? "none"
            : String.join(", ", application.functions().keySet());
        if (functionId == null || functionId.isBlank()) {
            throw new LocalStageException("Name the function to invoke with -D" + FUNCTION_PROPERTY
                + "=<LogicalId>; functions in " + template + ": " + known);
        }
        LocalFunction function = application.functions().get(functionId.trim());
        if (function == null) {
            throw new LocalStageException("No function " + functionId.trim() + " in " + template + " (-D" + FUNCTION_PROPERTY
                + "); its functions: " + known);
        }
        String runtime = function.runtime();
        if (runtime != null && !runtime.startsWith("java")) {
            throw new LocalStageException("Function " + function.logicalId() + " has Runtime " + runtime
                + "; samstage runs Java functions only (Runtime java*); invoke it with sam local invoke");
        }
        if (function.handler() == null || function.handler().isBlank()) {
            throw new LocalStageException("Function " + function.logicalId() + " in " + template
                + " has no Handler; set Handler: pkg.Class::method in the template");
        }
        return function;
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).stripTrailing();
    }

    private static void write(Path file, byte[] output) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, output);
        } catch (IOException e) {
            throw new LocalStageException("Cannot write the result to " + file + ": " + e.getMessage(), e);
        }
    }
}
