package dev.samstage.sample.quotes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds the proxy-integration responses: JSON bodies, money as strings so no client rounds it. */
final class JsonResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    static APIGatewayProxyResponseEvent json(int status, Object body) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body cannot be written as JSON", e);
        }
    }

    static APIGatewayProxyResponseEvent error(ApiException e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.code()).put("message", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return json(e.status(), body);
    }

    static ObjectNode product(Product product, String currency) {
        return JSON.createObjectNode()
                .put("id", product.id())
                .put("name", product.name())
                .put("category", product.category())
                .put("unitPrice", product.unitPrice().toPlainString())
                .put("currency", currency);
    }

    static ObjectNode quote(Quote quote) {
        ObjectNode body = JSON.createObjectNode()
                .put("quoteId", quote.quoteId())
                .put("currency", quote.currency());
        ArrayNode lines = body.putArray("lines");
        for (QuoteLine line : quote.lines()) {
            lines.addObject()
                    .put("productId", line.productId())
                    .put("name", line.name())
                    .put("quantity", line.quantity())
                    .put("unitPrice", line.unitPrice().toPlainString())
                    .put("lineTotal", line.lineTotal().toPlainString());
        }
        body.put("subtotal", quote.subtotal().toPlainString())
                .put("discount", quote.discount().toPlainString())
                .put("tax", quote.tax().toPlainString())
                .put("total", quote.total().toPlainString())
                .put("validUntil", quote.validUntil().toString());
        if (quote.customerReference() != null) {
            body.put("customerReference", quote.customerReference());
        }
        return body;
    }
}
