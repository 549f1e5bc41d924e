package dev.samstage.lambda.runtime.bridge;

import dev.samstage.lambda.runtime.HandlerMethod;
import dev.samstage.lambda.runtime.LambdaContext;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines this package's classes anew on top of a function's class loader, so that
 * {@link HandlerBridge} links against the function's Jackson and Lambda libraries rather
 * than the runtime's. The classes of {@code dev.samstage.lambda.runtime} itself (JDK types only) are
 * this runtime's own; every other class is left to the parent (the function's loader).
 */
public final class BridgeClassLoader extends ClassLoader {

    private static final String PACKAGE = HandlerBridge.class.getPackageName() + ".";
    private static final String RUNTIME_PACKAGE = HandlerMethod.class.getPackageName() + ".";

    static {
        registerAsParallelCapable();
    }

    public BridgeClassLoader(ClassLoader functionLoader) {
        super("samstage-bridge", functionLoader);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        boolean bridged = name.startsWith(PACKAGE) && !name.equals(BridgeClassLoader.class.getName())
                && !name.equals(FunctionBridge.class.getName());
        if (!bridged && name.startsWith(RUNTIME_PACKAGE)) {
            // JDK types only (Lambda's are named by string): this runtime's own copy serves every function
            return BridgeClassLoader.class.getClassLoader().loadClass(name);
        }
        if (!bridged) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = define(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = BridgeClassLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /** The bridge for one handler string, typed with JDK interfaces and the shared {@link LambdaContext} only (also a {@link Runnable}: the init phase). */
    @SuppressWarnings("unchecked")
    public java.util.function.BiFunction<byte[], LambdaContext, byte[]> bridge(String handler, ClassLoader functionLoader)
            throws ReflectiveOperationException {
        Class<?> type = loadClass(HandlerBridge.class.getName());
        return (java.util.function.BiFunction<byte[], LambdaContext, byte[]>)
            type.getConstructor(String.class, ClassLoader.class).newInstance(handler, functionLoader);
    }
}
