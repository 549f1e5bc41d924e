package dev.samstage.core.local;

import java.util.Map;
import java.util.Objects;

/**
 * A function as the local stage runs it, after {@code Globals.Function} and parameters
 * have been applied.
 *
 * @param logicalId       the function's logical id in the template
 * @param handler         {@code pkg.Class::method} or {@code pkg.Class}; null when the
 *                        template declares none (reported when a route needs it)
 * @param codeUri         the function's {@code CodeUri} as written, or null for the project
 * @param runtime         the Lambda runtime, e.g. {@code java21}
 * @param timeoutSeconds  the function's {@code Timeout}
 * @param memoryMb        the function's {@code MemorySize}
 * @param environment     the function's {@code Environment.Variables}, resolved
 */
record LocalFunction(String logicalId, String handler, String codeUri, String runtime,
                     int timeoutSeconds, int memoryMb, Map<String, String> environment) {

    /** SAM's defaults when neither the function nor Globals set them. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3;
    static final int DEFAULT_MEMORY_MB = 128;

    LocalFunction {
        Objects.requireNonNull(logicalId, "logicalId");
        environment = Map.copyOf(environment);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
    }
}
