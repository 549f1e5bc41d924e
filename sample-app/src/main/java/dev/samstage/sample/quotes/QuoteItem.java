package dev.samstage.sample.quotes;

/**
 * One requested line of a quote.
 *
 * @param productId catalogue id
 * @param quantity units, 1 to {@value QuoteRequest#MAX_QUANTITY}
 */
public record QuoteItem(String productId, int quantity) {
}
