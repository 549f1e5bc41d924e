package dev.samstage.sample.quotes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A priced offer. Amounts are exact decimals with two places; {@code total = subtotal - discount + tax}.
 *
 * @param quoteId unique id
 * @param currency ISO currency code
 * @param lines the priced lines, in request order
 * @param subtotal sum of the line totals
 * @param discount volume discount
 * @param tax VAT on the discounted subtotal
 * @param total what the customer pays
 * @param validUntil when the offer lapses
 * @param customerReference the client's reference, or {@code null}
 */
public record Quote(String quoteId, String currency, List<QuoteLine> lines, BigDecimal subtotal, BigDecimal discount,
                    BigDecimal tax, BigDecimal total, Instant validUntil, String customerReference) {

    public Quote {
        lines = List.copyOf(lines);
    }
}
