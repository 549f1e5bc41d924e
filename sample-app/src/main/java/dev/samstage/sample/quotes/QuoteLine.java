package dev.samstage.sample.quotes;

import java.math.BigDecimal;

/**
 * One priced line of a quote.
 *
 * @param productId catalogue id
 * @param name product name at quoting time
 * @param quantity units
 * @param unitPrice price of one unit
 * @param lineTotal {@code unitPrice * quantity}
 */
public record QuoteLine(String productId, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
}
