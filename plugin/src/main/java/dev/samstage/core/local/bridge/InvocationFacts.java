package dev.samstage.core.local.bridge;

/**
 * Keys of the map of invocation facts the emulator passes to {@link HandlerBridge}: the
 * values a Lambda {@code Context} reports. Values are JDK types; {@link #LOG_SINK} is a
 * {@code Consumer<String>} that receives {@code LambdaLogger} lines.
 */
public final class InvocationFacts {

    public static final String REQUEST_ID = "requestId";
    public static final String FUNCTION_NAME = "functionName";
    public static final String FUNCTION_VERSION = "functionVersion";
    public static final String FUNCTION_ARN = "invokedFunctionArn";
    /** An {@code Integer}. */
    public static final String MEMORY_MB = "memoryLimitInMB";
    /** A {@code Long}: epoch milliseconds when the function times out. */
    public static final String DEADLINE_MILLIS = "deadlineEpochMillis";
    public static final String LOG_GROUP = "logGroupName";
    public static final String LOG_STREAM = "logStreamName";
    public static final String LOG_SINK = "logSink";

    private InvocationFacts() {
    }
}
