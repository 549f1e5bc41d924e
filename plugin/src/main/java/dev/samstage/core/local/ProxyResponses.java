package dev.samstage.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a function's JSON output into the client's response by API Gateway's rules.
 *
 * <p>Payload 1.0 (REST APIs): the output must be an object with {@code statusCode} and only
 * {@code headers}, {@code multiValueHeaders}, {@code body} (a string) and
 * {@code isBase64Encoded} besides; anything else is a "malformed Lambda proxy response"
 * and the client gets a 502. A base64 body is decoded when the request's {@code Accept}
 * or the response's {@code Content-Type} is one of the API's binary media types.
 *
 * <p>Payload 2.0 (HTTP APIs): an object with {@code statusCode} is read the same way
 * (plus {@code cookies}); any other valid JSON (a string, an object without
 * {@code statusCode}, ...) becomes a 200 {@code application/json} response whose body is
 * the string's text or the JSON itself.
 */
final class ProxyResponses {

    private static final Set<String> V1_FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");
    private static final Set<String> V2_FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Thrown for output API Gateway would reject; the message says what is wrong. */
    static final class MalformedResponse extends Exception {
        MalformedResponse(String message) {
            super(message);
        }
    }

    GatewayResponse response(byte[] output, LocalRoute route, String accept, List<String> binaryMediaTypes)
            throws MalformedResponse {
        JsonNode json;
        try {
            json = mapper.readTree(output);
        } catch (IOException e) {
            throw new MalformedResponse("the output is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || json.isMissingNode()) {
            throw new MalformedResponse("the output is empty");
        }
        if (route.payload() == PayloadFormat.V2 && !(json.isObject() && json.has("statusCode"))) {
            String body = json.isTextual() ? json.textValue() : json.toString();
            return new GatewayResponse(200, Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
        }
        if (!json.isObject()) {
            throw new MalformedResponse("the output is not a JSON object with statusCode but " + json.getNodeType());
        }
        Set<String> allowed = route.payload() == PayloadFormat.V1 ? V1_FIELDS : V2_FIELDS;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MalformedResponse("unexpected field '" + name + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        JsonNode status = json.get("statusCode");
        if (status == null || !status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new MalformedResponse("statusCode is missing or not an HTTP status: " + status);
        }
        Map<String, List<String>> headers = headers(json);
        JsonNode body = json.get("body");
        if (body != null && !body.isNull() && !body.isTextual()) {
            throw new MalformedResponse("body must be a string, got " + body.getNodeType());
        }
        String text = body == null || body.isNull() ? "" : body.textValue();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (json.path("isBase64Encoded").asBoolean(false)
            && (route.api() == ApiKind.HTTP || BodyEncoding.matchesAny(accept, binaryMediaTypes)
                || BodyEncoding.matchesAny(first(headers, "Content-Type"), binaryMediaTypes))) {
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponse("isBase64Encoded is true but body is not base64: " + e.getMessage());
            }
        }
        if (first(headers, "Content-Type") == null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return new GatewayResponse(status.asInt(), headers, bytes);
    }

    private static Map<String, List<String>> headers(JsonNode json) throws MalformedResponse {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = json.get("headers");
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new MalformedResponse("headers must be an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asText());
            }
        }
        JsonNode multi = json.get("multiValueHeaders");
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new MalformedResponse("multiValueHeaders must be an object of string arrays");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // multiValueHeaders replace a single header of the same name, as in API Gateway.
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.put(e.getKey(), values);
            }
        }
        JsonNode cookies = json.get("cookies");
        if (cookies != null && cookies.isArray()) {
            List<String> values = headers.computeIfAbsent("Set-Cookie", k -> new ArrayList<>());
            cookies.forEach(c -> values.add(c.asText()));
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
