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

    /**
     * What the client gets when the function fails (throws, times out, answers too much or
     * malformed output): a REST API's Lambda proxy integration answers
     * {@code 502 {"message": "Internal server error"}}; an HTTP API answers
     * {@code 500 {"message":"Internal Server Error"}}
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html).
     */
    static GatewayResponse functionFailed(ApiKind api) {
        return api == ApiKind.REST
            ? gatewayError(502, "Internal server error", null)
            : gatewayError(500, "Internal Server Error", null);
    }

    /** {@link #functionFailed} as a log line names it: {@code 502 Internal server error}. */
    static String functionFailedSummary(ApiKind api) {
        return api == ApiKind.REST ? "502 Internal server error" : "500 Internal Server Error";
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
