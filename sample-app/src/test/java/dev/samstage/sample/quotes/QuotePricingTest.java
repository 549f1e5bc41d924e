package dev.samstage.sample.quotes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotePricingTest {

    private final Catalog catalog = new Catalog("EUR", List.of(
            new Product("a", "Thing A", "tools", new BigDecimal("0.10")),
            new Product("b", "Thing B", "tools", new BigDecimal("333.33")),
            new Product("c", "Thing C", "safety", new BigDecimal("999.99"))));
    private final QuotePricing pricing = new QuotePricing(catalog,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), () -> "q-1");

    private Quote price(QuoteItem... items) {
        return pricing.price(new QuoteRequest(List.of(items), null));
    }

    @Test
    void decimalAmountsAddUpExactly() {
        // 0.10 * 3 is 0.30 exactly; in binary floating point it would be 0.30000000000000004
        Quote quote = price(new QuoteItem("a", 3));

        assertThat(quote.subtotal()).isEqualByComparingTo("0.30");
        assertThat(quote.tax()).isEqualByComparingTo("0.06");
        assertThat(quote.total()).isEqualTo(new BigDecimal("0.36"));
    }

    @ParameterizedTest(name = "{0} x b -> subtotal {1}, discount {2}")
    @CsvSource({"1, 333.33, 0.00", "3, 999.99, 0.00", "4, 1333.32, 133.33"})
    void theVolumeDiscountStartsAtOneThousand(int quantity, String subtotal, String discount) {
        Quote quote = price(new QuoteItem("b", quantity));

        assertThat(quote.subtotal()).isEqualTo(new BigDecimal(subtotal));
        assertThat(quote.discount()).isEqualTo(new BigDecimal(discount));
        assertThat(quote.total()).isEqualTo(quote.subtotal().subtract(quote.discount()).add(quote.tax()));
    }

    @Test
    void discountAndTaxRoundHalfEvenToCents() {
        // subtotal 1333.32: discount 133.332 -> 133.33; tax on 1199.99 is 239.998 -> 240.00
        Quote quote = price(new QuoteItem("b", 4));

        assertThat(quote.discount()).isEqualTo(new BigDecimal("133.33"));
        assertThat(quote.tax()).isEqualTo(new BigDecimal("240.00"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("1439.99"));
    }

    @Test
    void exactlyTheThresholdGetsTheDiscount() {
        Quote quote = price(new QuoteItem("c", 1), new QuoteItem("a", 1));

        assertThat(quote.subtotal()).isEqualTo(new BigDecimal("1000.09"));
        assertThat(quote.discount()).isEqualTo(new BigDecimal("100.01"));
    }

    @Test
    void linesKeepRequestOrderAndTheQuoteIsValidForFourteenDays() {
        Quote quote = price(new QuoteItem("c", 1), new QuoteItem("a", 2));

        assertThat(quote.lines()).extracting(QuoteLine::productId).containsExactly("c", "a");
        assertThat(quote.lines().get(1).lineTotal()).isEqualTo(new BigDecimal("0.20"));
        assertThat(quote.validUntil()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(quote.currency()).isEqualTo("EUR");
    }

    @Test
    void anUnknownProductIs422NamingTheItemIndex() {
        assertThatThrownBy(() -> price(new QuoteItem("a", 1), new QuoteItem("zzz", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.field()).isEqualTo("items[1].productId");
                });
    }

    @Test
    void productsRejectPricesThatAreNotPositiveCents() {
        assertThatThrownBy(() -> new Product("x", "X", "tools", new BigDecimal("1.005")))
                .hasMessageContaining("unitPrice of product x");
        assertThatThrownBy(() -> new Product("x", "X", "tools", BigDecimal.ZERO)).hasMessageContaining("must be positive");
    }
}
