package dev.samstage.sample.hooks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Lambda Java runtime does with a hook function, run as the main class of a JVM whose
 * class path is the function's code and nothing else (this class is copied beside it alone):
 * resolves the template's {@code Handler} ({@code class::method}), builds the handler with its
 * public no-argument constructor, and calls the method once with a CodeDeploy lifecycle event
 * (a JSON object, which the runtime hands a {@code Map} handler as a map) and a Context whose
 * logger prints. Exits 1 when the handler throws, as an invocation error.
 *
 * <p>Arguments: the handler, the deployment id, the hook execution id.</p>
 */
public final class HookFunctionRuntime implements Context, LambdaLogger {

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].contains("::")) {
            throw new IllegalArgumentException("usage: HookFunctionRuntime <class::method> <deploymentId> <hookExecutionId>, got "
                    + Arrays.toString(args));
        }
        String className = args[0].substring(0, args[0].indexOf("::"));
        String methodName = args[0].substring(args[0].indexOf("::") + 2);
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        Object handler = type.getConstructor().newInstance();
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[0].isAssignableFrom(LinkedHashMap.class)
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElseThrow(() -> new NoSuchMethodException(className + "." + methodName + "(Map, Context)"));

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("DeploymentId", args[1]);
        event.put("LifecycleEventHookExecutionId", args[2]);
        try {
            method.invoke(handler, event, new HookFunctionRuntime());
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
            System.exit(1);
        }
    }

    @Override
    public void log(String message) {
        System.out.println(message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public String getAwsRequestId() {
        return "8f5e7c1a-hook-0001";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/CodeDeployHook_quote-service_PostTraffic";
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return "CodeDeployHook_quote-service_PostTraffic";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:111111111111:function:" + getFunctionName();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 120_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }
}
