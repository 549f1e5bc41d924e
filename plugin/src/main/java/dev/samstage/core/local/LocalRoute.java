package dev.samstage.core.local;

import java.util.Locale;
import java.util.Objects;

/**
 * One route the local stage serves: an {@code Api} or {@code HttpApi} event of a function.
 *
 * @param api         which API Gateway flavour declares it
 * @param apiId       the logical id of the API resource (the implicit {@code ServerlessRestApi}
 *                    or {@code ServerlessHttpApi} when the event names none)
 * @param method      upper-case HTTP method, or {@code ANY}
 * @param path        the route path as declared ({@code /orders/{id}}, {@code /{proxy+}}), or
 *                    {@code $default} for an HTTP API's catch-all route
 * @param functionId  the logical id of the function that serves it
 * @param eventId     the logical id of the event inside the function's {@code Events}
 * @param payload     the payload format the function receives
 */
public record LocalRoute(ApiKind api, String apiId, String method, String path, String functionId,
                         String eventId, PayloadFormat payload) {

    /** The catch-all route key of HTTP APIs. */
    public static final String DEFAULT_ROUTE = "$default";

    public LocalRoute {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(payload, "payload");
        method = requireText(method, "method").toUpperCase(Locale.ROOT);
        path = requireText(path, "path");
        requireText(apiId, "apiId");
        requireText(functionId, "functionId");
        requireText(eventId, "eventId");
        if (!path.startsWith("/") && !path.equals(DEFAULT_ROUTE)) {
            throw new IllegalArgumentException("path must start with '/' or be $default, got " + path);
        }
    }

    /** API Gateway's route key, e.g. {@code GET /orders/{id}} or {@code $default}. */
    public String routeKey() {
        return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
    }

    /** One line for listings: {@code GET /orders/{id} -> OrdersFunction (REST API)}. */
    public String describe() {
        return routeKey() + " -> " + functionId + " (" + api.displayName() + ")";
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
