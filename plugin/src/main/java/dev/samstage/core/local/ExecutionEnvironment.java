package dev.samstage.core.local;

import dev.samstage.lambda.runtime.bridge.FunctionBridge;
import dev.samstage.lambda.runtime.LambdaContext;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One emulated Lambda execution environment of a function: its own class loader (parent:
 * the platform loader), so its static state and its handler object are its own, as in a
 * Lambda environment's JVM. The service's versions of the Lambda libraries and Jackson are
 * the ones that run; when the service brings no Jackson, the plugin's is layered under
 * the bridge, standing in for the serializer the Lambda runtime brings.
 *
 * <p>An environment serves one invocation at a time; {@link FunctionRuntime} keeps the
 * idle ones warm for the next request.
 */
final class ExecutionEnvironment implements AutoCloseable {

    private final URLClassLoader loader;
    private final FunctionBridge bridge;

    ExecutionEnvironment(LocalFunction function, List<Path> classpath, int number) {
        String name = "function-" + function.logicalId();
        this.loader = new URLClassLoader(number == 1 ? name : name + "-" + number, urls(classpath),
            ClassLoader.getPlatformClassLoader());
        try {
            this.bridge = FunctionBridge.open(function.handler(), loader, name);
        } catch (ReflectiveOperationException | IllegalStateException e) {
            close(loader);
            throw new LocalStageException("Cannot load the local invocation bridge for " + function.logicalId() + ": " + e, e);
        }
    }

    ClassLoader loader() {
        return loader;
    }

    /** Runs the handler on the calling thread with the function's class loader as context loader. */
    byte[] invoke(byte[] event, LambdaContext facts) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return bridge.invoke(event, facts);
        } finally {
            thread.setContextClassLoader(previous);
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
        bridge.close();
        close(loader);
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Closing only releases jar handles; nothing to report to the user.
        }
    }
}
