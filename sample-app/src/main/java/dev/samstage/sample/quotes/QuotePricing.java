package dev.samstage.sample.quotes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Prices a quote request against the catalogue: line totals, a volume discount of
 * {@value #DISCOUNT_PERCENT}% from {@value #DISCOUNT_THRESHOLD} upwards, VAT of
 * {@value #VAT_PERCENT}% on the discounted subtotal. Money is {@link BigDecimal} with two
 * places, rounded half-even, so totals never drift the way binary floating point would.
 */
public final class QuotePricing {

    static final String DISCOUNT_THRESHOLD = "1000.00";
    static final String DISCOUNT_PERCENT = "10";
    static final String VAT_PERCENT = "20";
    static final Duration VALIDITY = Duration.ofDays(14);

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final Catalog catalog;
    private final Clock clock;
    private final Supplier<String> ids;

    public QuotePricing(Catalog catalog, Clock clock, Supplier<String> ids) {
        this.catalog = catalog;
        this.clock = clock;
        this.ids = ids;
    }

    public static QuotePricing standard(Catalog catalog) {
        return new QuotePricing(catalog, Clock.systemUTC(), () -> "q-" + UUID.randomUUID());
    }

    public Quote price(QuoteRequest request) {
        List<QuoteLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < request.items().size(); i++) {
            QuoteItem item = request.items().get(i);
            int index = i;
            Product product = catalog.find(item.productId()).orElseThrow(() -> ApiException.unprocessable(
                    "items[" + index + "].productId", "names unknown product '" + item.productId() + "'; see GET /products"));
            BigDecimal lineTotal = product.unitPrice().multiply(BigDecimal.valueOf(item.quantity())).setScale(2, RoundingMode.HALF_EVEN);
            lines.add(new QuoteLine(product.id(), product.name(), item.quantity(), product.unitPrice(), lineTotal));
            subtotal = subtotal.add(lineTotal);
        }
        BigDecimal discount = subtotal.compareTo(new BigDecimal(DISCOUNT_THRESHOLD)) >= 0
                ? percent(subtotal, DISCOUNT_PERCENT)
                : BigDecimal.ZERO.setScale(2);
        BigDecimal tax = percent(subtotal.subtract(discount), VAT_PERCENT);
        BigDecimal total = subtotal.subtract(discount).add(tax);
        return new Quote(ids.get(), catalog.currency(), lines, subtotal, discount, tax, total,
                clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS), request.customerReference());
    }

    private static BigDecimal percent(BigDecimal amount, String percent) {
        return amount.multiply(new BigDecimal(percent)).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
    }
}
