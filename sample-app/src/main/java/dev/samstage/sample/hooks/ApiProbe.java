package dev.samstage.sample.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One request to the API function, sent straight to a function version or alias as an API
 * Gateway proxy event, so a hook can check the new code before (or after) users reach it.
 *
 * @param method HTTP method
 * @param path request path, e.g. {@code /health}
 * @param expectedStatus the status that means healthy
 * @param bodyCheck what the JSON body must satisfy
 * @param description what is checked, for the log
 */
record ApiProbe(String method, String path, int expectedStatus, Predicate<JsonNode> bodyCheck, String description) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the probe; returns {@code null} when it passed, else why it failed. */
    String failureOf(FunctionInvoker invoker, String function) {
        String result;
        try {
            result = invoker.invoke(function, event());
        } catch (RuntimeException e) {
            return "invoking " + function + " failed: " + e.getMessage();
        }
        try {
            JsonNode response = JSON.readTree(result);
            int status = response.path("statusCode").asInt(-1);
            if (status != expectedStatus) {
                return method + " " + path + " answered " + status + ", expected " + expectedStatus + ": " + response.path("body").asText();
            }
            JsonNode body = JSON.readTree(response.path("body").asText("null"));
            return bodyCheck.test(body) ? null : method + " " + path + " answered an unexpected body: " + body;
        } catch (JsonProcessingException e) {
            return method + " " + path + " did not answer a proxy response: " + result;
        }
    }

    private String event() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        event.put("headers", Map.of("Accept", "application/json", "User-Agent", "quote-service-deployment-hook"));
        event.put("requestContext", Map.of("stage", "hook", "httpMethod", method, "path", path));
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
