package dev.samstage.sample.hooks;

/** Invokes a Lambda function version or alias synchronously with a JSON payload. */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * @param function a function, version or alias ARN
     * @param payload the JSON event
     * @return the function's JSON result
     * @throws IllegalStateException when the function itself failed (an unhandled error)
     */
    String invoke(String function, String payload);
}
