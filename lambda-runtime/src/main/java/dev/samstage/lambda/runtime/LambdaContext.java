package dev.samstage.lambda.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What a Lambda {@code Context} reports for one invocation, and the {@code Context} and
 * {@code LambdaLogger} a handler receives: {@link Proxy} instances of the interfaces in the
 * function's own class loader, so that they fit whatever {@code aws-lambda-java-core} version the
 * function was built with.
 *
 * @param requestId       the invocation's request id
 * @param functionName    the function's name
 * @param functionVersion the version that runs ({@code $LATEST} or a number)
 * @param invokedArn      the ARN the caller invoked (qualified when it named a version or alias)
 * @param memoryMb        the configured memory
 * @param deadlineMillis  epoch milliseconds at which the invocation times out
 * @param logGroup        the function's log group, or null
 * @param logStream       the execution environment's log stream, or null
 * @param log             receives each {@code LambdaLogger} line
 */
public record LambdaContext(String requestId, String functionName, String functionVersion, String invokedArn,
                            int memoryMb, long deadlineMillis, String logGroup, String logStream,
                            Consumer<String> log) {

    private static final String LOGGER = "com.amazonaws.services.lambda.runtime.LambdaLogger";

    /** The context proxy, or null when the function has no {@code aws-lambda-java-core}. */
    public Object proxy(ClassLoader loader) {
        Class<?> contextType;
        Class<?> loggerType;
        try {
            contextType = Class.forName(HandlerMethod.CONTEXT, false, loader);
            loggerType = Class.forName(LOGGER, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                Object line = args[0];
                log.accept(line instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(line));
                return null;
            }
            return objectMethod(proxy, method, args, "LambdaLogger");
        });
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> logGroup;
            case "getLogStreamName" -> logStream;
            case "getFunctionName" -> functionName;
            case "getFunctionVersion" -> functionVersion;
            case "getInvokedFunctionArn" -> invokedArn;
            case "getMemoryLimitInMB" -> memoryMb;
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
            case "getLogger" -> logger;
            case "getIdentity", "getClientContext", "getTenantId" -> null;
            default -> objectMethod(proxy, method, args, "Context");
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, handler);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String name) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> "Lambda" + name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }
}
