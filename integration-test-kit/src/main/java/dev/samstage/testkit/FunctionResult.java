package dev.samstage.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * What one invocation of a stage's function returned, as Lambda's Invoke answers it.
 *
 * @param function      the function as the test named it (its logical id in the template)
 * @param payload       the JSON the function returned, or, when it failed, Lambda's error JSON
 *                      ({@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}})
 * @param functionError {@code Unhandled} when the function failed (threw, timed out, answered too
 *                      much), {@code null} when it returned a result
 * @param log           the end of the invocation's log (Lambda gives the last 4 KB), or empty
 */
public record FunctionResult(String function, String payload, String functionError, String log) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FunctionResult {
        Objects.requireNonNull(function, "function");
        payload = payload == null ? "" : payload;
        log = log == null ? "" : log;
    }

    /** Whether the function failed: Lambda answered with {@code X-Amz-Function-Error}. */
    public boolean failed() {
        return functionError != null;
    }

    /** The payload read as JSON (an object, array, string, number ...). */
    public JsonNode json() {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The result of " + function + " is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** The failed function's {@code errorType} (e.g. {@code java.lang.IllegalStateException}); empty when it did not fail. */
    public Optional<String> errorType() {
        return errorField("errorType");
    }

    /** The failed function's {@code errorMessage}; empty when it did not fail. */
    public Optional<String> errorMessage() {
        return errorField("errorMessage");
    }

    private Optional<String> errorField(String name) {
        if (!failed()) {
            return Optional.empty();
        }
        JsonNode value = json().get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
