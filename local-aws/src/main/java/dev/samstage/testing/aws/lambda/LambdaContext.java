package dev.samstage.testing.aws.lambda;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Context} and {@code LambdaLogger} a handler receives, as {@link Proxy} instances of the
 * interfaces in the function's own class loader, so that they fit whatever
 * {@code aws-lambda-java-core} version the function was built with.
 *
 * @param requestId      the invocation's request id
 * @param invokedArn     the ARN the caller invoked (qualified when it named a version or alias)
 * @param deadlineMillis epoch millis at which the invocation times out
 */
record LambdaContext(String requestId, String invokedArn, long deadlineMillis) {

    /** The context proxy, or null when the function has no {@code aws-lambda-java-core}. */
    Object proxy(ClassLoader loader, PrintStream log) {
        Class<?> contextType;
        Class<?> loggerType;
        try {
            contextType = Class.forName(HandlerMethod.CONTEXT, false, loader);
            loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length > 0) {
                Object line = args[0];
                log.println(line instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(line));
                return null;
            }
            return objectMethod(proxy, method, args, "LambdaLogger");
        });
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
            case "getLogStreamName" -> System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
            case "getFunctionName" -> System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            case "getFunctionVersion" -> System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
            case "getInvokedFunctionArn" -> invokedArn;
            case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
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
