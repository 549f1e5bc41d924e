package dev.samstage.core.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.local.bridge.BridgeClassLoader;
import dev.samstage.lambda.runtime.LambdaContext;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

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
    private final URLClassLoader jacksonLoader;
    private final BiFunction<byte[], LambdaContext, byte[]> bridge;

    ExecutionEnvironment(LocalFunction function, List<Path> classpath, int number) {
        String name = "function-" + function.logicalId();
        this.loader = new URLClassLoader(number == 1 ? name : name + "-" + number, urls(classpath),
            ClassLoader.getPlatformClassLoader());
        this.jacksonLoader = has(loader, "com.fasterxml.jackson.databind.ObjectMapper")
            ? null
            : new URLClassLoader(name + "-serializer",
                urls(List.of(location(ObjectMapper.class), location(JsonFactory.class), location(JsonInclude.class))), loader);
        try {
            this.bridge = new BridgeClassLoader(jacksonLoader == null ? loader : jacksonLoader).bridge(function.handler(), loader);
        } catch (ReflectiveOperationException e) {
            close();
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
            return bridge.apply(event, facts);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static boolean has(ClassLoader loader, String className) {
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
    }
}
