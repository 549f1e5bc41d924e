package dev.samstage.lambda.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The method a Lambda handler string names, resolved the way the Lambda Java runtime does:
 * {@code pkg.Class} must implement {@code RequestHandler} or {@code RequestStreamHandler};
 * {@code pkg.Class::method} picks the public method of that name with the most parameters
 * among the shapes Lambda accepts ({@code (InputStream, OutputStream[, Context])},
 * {@code (I[, Context])}, {@code ()}).
 *
 * <p>Lambda's types are named by string, never linked: the handler's {@code Context} and interfaces
 * come from the function's own class loader, in whatever {@code aws-lambda-java-core} version it has.
 *
 * @param target       the handler object, null for a static method
 * @param method       the method invoked
 * @param streaming    whether it takes {@code (InputStream, OutputStream[, Context])}
 * @param takesContext whether its last parameter is Lambda's {@code Context}
 */
public record HandlerMethod(Object target, Method method, boolean streaming, boolean takesContext) {

    /** The name of Lambda's {@code Context} interface. */
    public static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    /** Loads the class (running its static initialisers, Lambda's init phase) and creates the handler object. */
    public static HandlerMethod resolve(String handler, ClassLoader loader) throws ReflectiveOperationException {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        Class<?> type = Class.forName(className, true, loader);
        Method method = separator < 0 ? interfaceMethod(type, handler) : namedMethod(type, handler.substring(separator + 2));
        method.trySetAccessible();
        Object target = null;
        if (!Modifier.isStatic(method.getModifiers())) {
            var constructor = type.getDeclaredConstructor();
            constructor.trySetAccessible();
            target = constructor.newInstance();
        }
        Class<?>[] params = method.getParameterTypes();
        boolean streaming = params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class;
        boolean takesContext = params.length > 0 && isContext(params[params.length - 1]);
        return new HandlerMethod(target, method, streaming, takesContext);
    }

    private static Method interfaceMethod(Class<?> type, String handler) throws NoSuchMethodException {
        if (implementsInterface(type, STREAM_HANDLER)) {
            return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 3
                    && m.getParameterTypes()[0] == InputStream.class)
                .findFirst().orElseThrow(() -> new NoSuchMethodException(handler + ".handleRequest"));
        }
        if (implementsInterface(type, REQUEST_HANDLER)) {
            // The non-bridge override carries the RequestHandler<I, O> type arguments.
            return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2
                    && isContext(m.getParameterTypes()[1]))
                .min(Comparator.comparing(Method::isBridge))
                .orElseThrow(() -> new NoSuchMethodException(handler + ".handleRequest"));
        }
        throw new NoSuchMethodException("class " + type.getName()
            + " implements neither RequestHandler nor RequestStreamHandler; name a method as Class::method");
    }

    private static Method namedMethod(Class<?> type, String name) throws NoSuchMethodException {
        List<Method> candidates = Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(name) && !m.isBridge() && accepted(m))
            .sorted(Comparator.comparingInt(Method::getParameterCount).reversed())
            .toList();
        if (candidates.isEmpty()) {
            throw new NoSuchMethodException("no public method " + type.getName() + "::" + name
                + " with a Lambda handler signature");
        }
        return candidates.get(0);
    }

    private static boolean accepted(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return switch (p.length) {
            case 0, 1 -> true;
            case 2 -> isContext(p[1]) || (p[0] == InputStream.class && p[1] == OutputStream.class);
            case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && isContext(p[2]);
            default -> false;
        };
    }

    private static boolean implementsInterface(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsInterface(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static boolean isContext(Class<?> type) {
        return type.getName().equals(CONTEXT);
    }

    /** Whether a POJO handler has an input parameter (it may take only a Context, or nothing). */
    public boolean takesInput() {
        int count = method.getParameterCount();
        return !streaming && count > (takesContext ? 1 : 0);
    }

    public Type inputType() {
        return method.getGenericParameterTypes()[0];
    }

    public boolean returnsNothing() {
        return method.getReturnType() == void.class;
    }

    public void invokeStreaming(InputStream in, OutputStream out, Object context) throws InvocationTargetException, IllegalAccessException {
        method.invoke(target, takesContext ? new Object[] {in, out, context} : new Object[] {in, out});
    }

    public Object invoke(Object input, Object context) throws InvocationTargetException, IllegalAccessException {
        int count = method.getParameterCount();
        Object[] args = new Object[count];
        if (takesInput()) {
            args[0] = input;
        }
        if (takesContext) {
            args[count - 1] = context;
        }
        return method.invoke(target, args);
    }
}
