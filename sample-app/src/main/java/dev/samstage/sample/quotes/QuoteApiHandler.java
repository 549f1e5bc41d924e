package dev.samstage.sample.quotes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The quote service's API (API Gateway REST API, Lambda proxy integration):
 * <ul>
 *   <li>{@code GET /health}: service name, version and stage</li>
 *   <li>{@code GET /products[?category=tools]}: the catalogue</li>
 *   <li>{@code GET /products/{id}}: one product, 404 for unknown ids</li>
 *   <li>{@code POST /quotes}: prices a JSON request; 400 naming the field on bad input,
 *       422 for unknown products, 201 with the quote otherwise</li>
 * </ul>
 */
public final class QuoteApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final Catalog catalog;
    private final QuotePricing pricing;
    private final ServiceInfo info;

    /** Used by the Lambda runtime: one instance per execution environment, built at cold start. */
    public QuoteApiHandler() {
        this(Catalog.bundled(), ServiceInfo.fromPackage(System::getenv));
    }

    private QuoteApiHandler(Catalog catalog, ServiceInfo info) {
        this(catalog, QuotePricing.standard(catalog), info);
    }

    /** For tests and other hosts: explicit catalogue, pricing and service info. */
    public QuoteApiHandler(Catalog catalog, QuotePricing pricing, ServiceInfo info) {
        this.catalog = catalog;
        this.pricing = pricing;
        this.info = info;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String method = Optional.ofNullable(request.getHttpMethod()).orElse("GET").toUpperCase();
        String path = normalise(request.getPath());
        try {
            if (path.equals("/health")) {
                requireMethod(method, path, "GET");
                return JsonResponses.json(200, JsonResponses.JSON.createObjectNode()
                        .put("status", "ok").put("service", info.name()).put("version", info.version()).put("stage", info.stage()));
            }
            if (path.equals("/products")) {
                requireMethod(method, path, "GET");
                return products(Optional.ofNullable(request.getQueryStringParameters()).map(q -> q.get("category")));
            }
            if (path.startsWith("/products/") && path.indexOf('/', "/products/".length()) < 0) {
                requireMethod(method, path, "GET");
                return product(productId(request, path));
            }
            if (path.equals("/quotes")) {
                requireMethod(method, path, "POST");
                requireJson(request.getHeaders());
                Quote quote = pricing.price(QuoteRequest.parse(body(request)));
                return JsonResponses.json(201, JsonResponses.quote(quote));
            }
            throw ApiException.notFound("No route for " + method + " " + path);
        } catch (ApiException e) {
            return JsonResponses.error(e);
        }
    }

    private APIGatewayProxyResponseEvent products(Optional<String> category) {
        ObjectNode body = JsonResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("products");
        catalog.list(category.filter(c -> !c.isBlank())).forEach(p -> list.add(JsonResponses.product(p, catalog.currency())));
        return JsonResponses.json(200, body);
    }

    private APIGatewayProxyResponseEvent product(String id) {
        Product product = catalog.find(id).orElseThrow(() -> ApiException.notFound("No product with id '" + id + "'"));
        return JsonResponses.json(200, JsonResponses.product(product, catalog.currency()));
    }

    private static String productId(APIGatewayProxyRequestEvent request, String path) {
        Map<String, String> parameters = request.getPathParameters();
        if (parameters != null && parameters.get("id") != null) {
            return parameters.get("id");
        }
        return URLDecoder.decode(path.substring("/products/".length()), StandardCharsets.UTF_8);
    }

    private static void requireMethod(String method, String path, String allowed) {
        if (!method.equals(allowed)) {
            throw ApiException.methodNotAllowed(method, path, allowed);
        }
    }

    private static void requireJson(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .filter(type -> !type.toLowerCase().startsWith("application/json"))
                .findFirst()
                .ifPresent(type -> {
                    throw ApiException.unsupportedMediaType(type);
                });
    }

    private static String body(APIGatewayProxyRequestEvent request) {
        String body = request.getBody();
        if (body != null && Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
