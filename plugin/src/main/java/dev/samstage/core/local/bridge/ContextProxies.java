package dev.samstage.core.local.bridge;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import static dev.samstage.core.local.bridge.InvocationFacts.*;

/**
 * Builds the Lambda {@code Context} and {@code LambdaLogger} a handler receives, as
 * {@link Proxy} instances of the interfaces in the function's own class loader, so they
 * fit whatever {@code aws-lambda-java-core} version the function was built with.
 *
 * <p>The invocation facts arrive as a map of JDK types under the keys of {@link InvocationFacts}.
 */
final class ContextProxies {

    private ContextProxies() {
    }

    /** The context proxy, or null when the function has no {@code aws-lambda-java-core}. */
    static Object context(ClassLoader loader, Map<String, Object> facts) {
        Class<?> contextType;
        Class<?> loggerType;
        try {
            contextType = Class.forName(HandlerMethod.CONTEXT, false, loader);
            loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Consumer<String> sink = (Consumer<String>) facts.get(LOG_SINK);
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                Object line = args[0];
                sink.accept(line instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(line));
                return null;
            }
            return objectMethod(proxy, method, args, "LambdaLogger");
        });
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> facts.get(REQUEST_ID);
            case "getLogGroupName" -> facts.get(LOG_GROUP);
            case "getLogStreamName" -> facts.get(LOG_STREAM);
            case "getFunctionName" -> facts.get(FUNCTION_NAME);
            case "getFunctionVersion" -> facts.get(FUNCTION_VERSION);
            case "getInvokedFunctionArn" -> facts.get(FUNCTION_ARN);
            case "getMemoryLimitInMB" -> facts.get(MEMORY_MB);
            case "getRemainingTimeInMillis" ->
                (int) Math.max(0, (Long) facts.get(DEADLINE_MILLIS) - System.currentTimeMillis());
            case "getLogger" -> logger;
            case "getIdentity", "getClientContext", "getTenantId" -> null;
            default -> objectMethod(proxy, method, args, "Context");
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, handler);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String name) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> "Local" + name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }
}
