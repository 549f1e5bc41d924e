package dev.samstage.testing.aws.lambda;

import dev.samstage.lambda.runtime.HandlerMethod;
import java.util.Arrays;
import java.util.List;

/**
 * The payload Lambda's Java runtime answers when a handler throws (Lambda Developer Guide, "AWS
 * Lambda function errors in Java"): the exception's message, its class name, and its stack trace
 * as {@code class.method(File.java:line)} strings.
 */
record ErrorDocument(String errorMessage, String errorType, List<String> stackTrace) {

    static ErrorDocument of(Throwable error) {
        return new ErrorDocument(error.getMessage(), error.getClass().getName(),
                Arrays.stream(error.getStackTrace())
                        // the frames of this stand-in runtime are not the function's
                        .takeWhile(frame -> !frame.getClassName().startsWith(ErrorDocument.class.getPackageName() + ".")
                                && !frame.getClassName().startsWith(HandlerMethod.class.getPackageName() + "."))
                        .map(StackTraceElement::toString).toList());
    }
}
