package dev.samstage.sample.quotes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only product catalogue bundled with the function ({@code catalog.json}). */
public final class Catalog {

    private final String currency;
    private final Map<String, Product> products;

    Catalog(String currency, List<Product> products) {
        this.currency = currency;
        this.products = new LinkedHashMap<>();
        for (Product product : products) {
            if (this.products.put(product.id(), product) != null) {
                throw new IllegalArgumentException("duplicate product id " + product.id());
            }
        }
    }

    /** Loads the bundled catalogue; fails at cold start rather than on a request if it is broken. */
    public static Catalog bundled() {
        try (InputStream in = Catalog.class.getResourceAsStream("/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json is missing from the function package");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Product> products = new java.util.ArrayList<>();
            for (JsonNode p : root.path("products")) {
                products.add(new Product(p.path("id").asText(), p.path("name").asText(), p.path("category").asText(),
                        new BigDecimal(p.path("unitPrice").asText())));
            }
            return new Catalog(root.path("currency").asText(), products);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog.json cannot be read", e);
        }
    }

    public String currency() {
        return currency;
    }

    public Optional<Product> find(String id) {
        return Optional.ofNullable(products.get(id));
    }

    /** Products in catalogue order, all of them or those of one category (case-insensitive). */
    public List<Product> list(Optional<String> category) {
        return products.values().stream()
                .filter(p -> category.map(c -> c.equalsIgnoreCase(p.category())).orElse(true))
                .toList();
    }
}
