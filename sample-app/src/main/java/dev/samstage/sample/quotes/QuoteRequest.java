package dev.samstage.sample.quotes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /quotes}: {@code {"items":[{"productId":"p-100","quantity":2}],"customerReference":"PO-1"}}.
 * Parsing checks every rule and names the offending field, so a client can fix its request
 * from the message alone.
 *
 * @param items the lines, at least one, each product once
 * @param customerReference the client's own reference, or {@code null}
 */
public record QuoteRequest(List<QuoteItem> items, String customerReference) {

    static final int MAX_ITEMS = 50;
    static final int MAX_QUANTITY = 1000;
    static final int MAX_REFERENCE = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    public QuoteRequest {
        items = List.copyOf(items);
    }

    static QuoteRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "is required: send a JSON object such as {\"items\":[{\"productId\":\"p-100\",\"quantity\":1}]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        JsonNode itemsNode = root.get("items");
        if (itemsNode == null || itemsNode.isNull()) {
            throw ApiException.invalid("items", "is required");
        }
        if (!itemsNode.isArray()) {
            throw ApiException.invalid("items", "must be an array");
        }
        if (itemsNode.isEmpty()) {
            throw ApiException.invalid("items", "must hold at least one item");
        }
        if (itemsNode.size() > MAX_ITEMS) {
            throw ApiException.invalid("items", "must hold at most " + MAX_ITEMS + " items, not " + itemsNode.size());
        }
        List<QuoteItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < itemsNode.size(); i++) {
            QuoteItem item = item(itemsNode.get(i), "items[" + i + "]");
            Integer first = seen.putIfAbsent(item.productId(), i);
            if (first != null) {
                throw ApiException.invalid("items[" + i + "].productId", "repeats '" + item.productId() + "' from items[" + first
                        + "]; list each product once with its total quantity");
            }
            items.add(item);
        }
        return new QuoteRequest(items, reference(root.get("customerReference")));
    }

    private static QuoteItem item(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ApiException.invalid(path, "must be an object with productId and quantity");
        }
        JsonNode id = node.get("productId");
        if (id == null || id.isNull()) {
            throw ApiException.invalid(path + ".productId", "is required");
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            throw ApiException.invalid(path + ".productId", "must be a non-empty string");
        }
        JsonNode quantity = node.get("quantity");
        if (quantity == null || quantity.isNull()) {
            throw ApiException.invalid(path + ".quantity", "is required");
        }
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt()
                || quantity.asInt() < 1 || quantity.asInt() > MAX_QUANTITY) {
            throw ApiException.invalid(path + ".quantity", "must be a whole number from 1 to " + MAX_QUANTITY + ", not " + quantity);
        }
        return new QuoteItem(id.asText().trim(), quantity.asInt());
    }

    private static String reference(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().length() > MAX_REFERENCE) {
            throw ApiException.invalid("customerReference", "must be a string of at most " + MAX_REFERENCE + " characters");
        }
        return node.asText();
    }
}
