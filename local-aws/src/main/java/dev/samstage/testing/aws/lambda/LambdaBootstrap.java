package dev.samstage.testing.aws.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.samstage.lambda.runtime.LambdaContext;
import dev.samstage.lambda.runtime.bridge.FunctionBridge;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one invocation of a Java Lambda function in this JVM, as Lambda's Java runtime does: the
 * function's code is the task root (classes at the root, dependency jars in {@code lib/}) loaded by
 * its own class loader, apart from this class; the handler string is {@code pkg.Class::method} or
 * {@code pkg.Class} (a {@code RequestHandler} or {@code RequestStreamHandler}). Handlers are
 * resolved, given their event and their {@code Context} by samstage-lambda-runtime's
 * {@link FunctionBridge}, as in the plugin's local stage.
 *
 * <p>Protocol with {@code compat/lambda_invoke.py}: arguments {@code <taskRoot> <handler> <requestId>
 * <invokedArn> <timeoutMillis>}; the event on standard input. Standard output carries the line
 * {@value #INITIALISED} once the handler is loaded (Lambda's init phase is over), then the response
 * payload; everything the function prints goes to standard error, the function's log. Exit code 0:
 * the payload is the handler's result; 1: the payload is Lambda's error document
 * {@code {"errorMessage","errorType","stackTrace"}}.</p>
 */
public final class LambdaBootstrap {

    /** The line that ends the init phase. */
    public static final String INITIALISED = "SAMSTAGE-LAMBDA-INITIALISED";

    /** Writes the error document. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private LambdaBootstrap() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: LambdaBootstrap <taskRoot> <handler> <requestId> <invokedArn> <timeoutMillis>");
            System.exit(2);
        }
        PrintStream response = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        // what the function prints is its log, never part of the response
        System.setOut(System.err);
        long timeoutMillis = Long.parseLong(args[4]);
        int status;
        byte[] payload;
        try {
            ClassLoader loader = taskRootLoader(Path.of(args[0]));
            Thread.currentThread().setContextClassLoader(loader);
            FunctionBridge handler = FunctionBridge.open(args[1], loader, "function");
            initialise(handler);
            response.println(INITIALISED);
            response.flush();
            // the function's timeout runs from the end of the init phase
            LambdaContext facts = context(args[2], args[3], System.currentTimeMillis() + timeoutMillis);
            byte[] event = System.in.readAllBytes();
            payload = handler.invoke(event, facts);
            status = 0;
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            cause.printStackTrace(System.err);
            payload = JSON.writeValueAsBytes(ErrorDocument.of(cause));
            status = 1;
        }
        response.write(payload);
        response.flush();
        // threads the function left running must not keep the invocation open: Lambda freezes them
        System.exit(status);
    }

    /** The invocation's context; the function's own facts come from the variables Lambda sets for it. */
    private static LambdaContext context(String requestId, String invokedArn, long deadlineMillis) {
        Map<String, String> env = System.getenv();
        return new LambdaContext(requestId, env.get("AWS_LAMBDA_FUNCTION_NAME"), env.get("AWS_LAMBDA_FUNCTION_VERSION"),
                invokedArn, Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")), deadlineMillis,
                env.get("AWS_LAMBDA_LOG_GROUP_NAME"), env.get("AWS_LAMBDA_LOG_STREAM_NAME"), System.err::println);
    }

    /** Lambda's init phase; its error for a missing class is "Class not found: <name>". */
    private static void initialise(FunctionBridge handler) throws ClassNotFoundException {
        try {
            handler.initialise();
        } catch (Throwable t) {
            // the bridge rethrows what resolving the handler threw, checked exceptions included
            if (t instanceof ClassNotFoundException missing) {
                throw new ClassNotFoundException("Class not found: " + missing.getMessage(), missing);
            }
            throw t;
        }
    }

    /** Lambda's Java class path: the task root, then every jar in its {@code lib/}. */
    static ClassLoader taskRootLoader(Path taskRoot) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(taskRoot));
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(url(jar));
                }
            }
        }
        // the platform loader as parent: the function sees the JDK and its own code, not this runtime
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL url(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
