package dev.samstage.lambda.runtime.bridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.lambda.runtime.LambdaContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * A function's handler as Lambda's Java runtime calls it, from outside the function's class
 * loader: the {@link HandlerBridge} defined next to the function's code, linked against the
 * function's own Jackson, or, when the function brings none, against this runtime's Jackson
 * layered on top of the function's loader (standing in for the serializer Lambda's runtime brings).
 */
public final class FunctionBridge implements AutoCloseable {

    private final URLClassLoader serializer;
    private final BiFunction<byte[], LambdaContext, byte[]> bridge;

    private FunctionBridge(URLClassLoader serializer, BiFunction<byte[], LambdaContext, byte[]> bridge) {
        this.serializer = serializer;
        this.bridge = bridge;
    }

    /**
     * The bridge to {@code handler} ({@code pkg.Class} or {@code pkg.Class::method}) in the
     * function's loader; nothing of the handler is loaded yet (see {@link #initialise()}).
     */
    public static FunctionBridge open(String handler, ClassLoader function, String name) throws ReflectiveOperationException {
        URLClassLoader serializer = has(function, "com.fasterxml.jackson.databind.ObjectMapper") ? null
                : new URLClassLoader(name + "-serializer",
                        new URL[] {location(ObjectMapper.class), location(JsonFactory.class), location(JsonInclude.class)}, function);
        try {
            return new FunctionBridge(serializer,
                    new BridgeClassLoader(serializer == null ? function : serializer).bridge(handler, function));
        } catch (ReflectiveOperationException | RuntimeException e) {
            close(serializer);
            throw e;
        }
    }

    /**
     * Lambda's init phase: loads the handler's class (running its static initialisers) and creates
     * the handler object. The first {@link #invoke} does it when this was not called.
     */
    public void initialise() {
        ((Runnable) bridge).run();
    }

    /** Runs the handler with the event JSON; throws what the handler threw, unchanged. */
    public byte[] invoke(byte[] event, LambdaContext context) {
        return bridge.apply(event, context);
    }

    @Override
    public void close() {
        close(serializer);
    }

    private static void close(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // closing only releases jar handles
            }
        }
    }

    private static boolean has(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static URL location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("Cannot locate " + type.getName() + " to serialise events: " + e.getMessage(), e);
        }
    }
}
