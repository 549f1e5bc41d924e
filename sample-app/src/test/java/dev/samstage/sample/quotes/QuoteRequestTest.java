package dev.samstage.sample.quotes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                   | body        | is required",
            "'{\"items\":'                                       | body        | is not valid JSON (line 1, column 10)",
            "'[1,2]'                                              | body        | must be a JSON object",
            "'{}'                                                 | items       | is required",
            "'{\"items\":{}}'                                    | items       | must be an array",
            "'{\"items\":[]}'                                    | items       | must hold at least one item",
            "'{\"items\":[7]}'                                   | items[0]    | must be an object with productId and quantity",
            "'{\"items\":[{\"quantity\":1}]}'                   | items[0].productId | is required",
            "'{\"items\":[{\"productId\":\" \",\"quantity\":1}]}' | items[0].productId | must be a non-empty string",
            "'{\"items\":[{\"productId\":5,\"quantity\":1}]}'   | items[0].productId | must be a non-empty string",
            "'{\"items\":[{\"productId\":\"p-1\"}]}'            | items[0].quantity  | is required",
            "'{\"items\":[{\"productId\":\"p-1\",\"quantity\":1.5}]}'  | items[0].quantity | must be a whole number from 1 to 1000, not 1.5",
            "'{\"items\":[{\"productId\":\"p-1\",\"quantity\":\"2\"}]}' | items[0].quantity | must be a whole number from 1 to 1000, not \"2\"",
            "'{\"items\":[{\"productId\":\"p-1\",\"quantity\":1001}]}' | items[0].quantity | must be a whole number from 1 to 1000, not 1001",
            "'{\"items\":[{\"productId\":\"p-1\",\"quantity\":1},{\"productId\":\"p-1\",\"quantity\":2}]}' | items[1].productId | repeats 'p-1' from items[0]",
            "'{\"items\":[{\"productId\":\"p-1\",\"quantity\":1}],\"customerReference\":42}' | customerReference | must be a string of at most 64 characters",
    })
    void rejectsBadInputNamingTheField(String body, String field, String message) {
        assertThatThrownBy(() -> QuoteRequest.parse(body))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + " " + message);
                });
    }

    @Test
    void rejectsMoreThanFiftyItems() {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 51; i++) {
            body.append(i == 0 ? "" : ",").append("{\"productId\":\"p-").append(i).append("\",\"quantity\":1}");
        }
        body.append("]}");

        assertThatThrownBy(() -> QuoteRequest.parse(body.toString())).hasMessage("items must hold at most 50 items, not 51");
    }

    @Test
    void parsesItemsInOrderAndIgnoresUnknownFields() {
        QuoteRequest request = QuoteRequest.parse(
                "{\"items\":[{\"productId\":\" p-2 \",\"quantity\":3},{\"productId\":\"p-1\",\"quantity\":1000}],\"note\":\"x\"}");

        assertThat(request.items()).containsExactly(new QuoteItem("p-2", 3), new QuoteItem("p-1", 1000));
        assertThat(request.customerReference()).isNull();
    }
}
