package dev.samstage.sample.quotes;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One catalogue entry.
 *
 * @param id stable identifier, e.g. {@code p-100}
 * @param name display name
 * @param category lower-case category, e.g. {@code tools}
 * @param unitPrice price of one unit, two decimals, in the catalogue's currency
 */
public record Product(String id, String name, String category, BigDecimal unitPrice) {

    public Product {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        if (unitPrice == null || unitPrice.signum() <= 0 || unitPrice.scale() > 2) {
            throw new IllegalArgumentException("unitPrice of product " + id + " must be positive with at most two decimals: " + unitPrice);
        }
    }
}
