package dev.samstage.core.local;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the emulated API Gateway sends back to the client. */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {

    GatewayResponse {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /** API Gateway's own JSON error body, e.g. {@code {"message":"Internal server error"}}. */
    static GatewayResponse gatewayError(int status, String message, String errorType) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        if (errorType != null) {
            headers.put("x-amzn-ErrorType", List.of(errorType));
        }
        String json = "{\"message\":\"" + message + "\"}";
        return new GatewayResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse internalServerError() {
        return gatewayError(502, "Internal server error", null);
    }

    static GatewayResponse timedOut() {
        return gatewayError(504, "Endpoint request timed out", null);
    }

    /** API Gateway's {@code REQUEST_TOO_LARGE} response. */
    static GatewayResponse requestTooLarge() {
        return gatewayError(413, "Request Too Long", "BadRequestException");
    }

    static GatewayResponse missingRoute(ApiKind api) {
        return api == ApiKind.REST
            ? gatewayError(403, "Missing Authentication Token", "MissingAuthenticationTokenException")
            : gatewayError(404, "Not Found", null);
    }
}
