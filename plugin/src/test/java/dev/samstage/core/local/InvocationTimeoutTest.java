package dev.samstage.core.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InvocationTimeoutTest {

    @ParameterizedTest(name = "Timeout {0} s behind a {1} API ends after {2} s with {3}")
    @CsvSource({
        "3,   REST, 3,  502",
        "28,  REST, 28, 502",
        "29,  REST, 29, 504",
        "60,  REST, 29, 504",
        "29,  HTTP, 29, 500",
        "30,  HTTP, 30, 504",
        "900, HTTP, 30, 504",
    })
    void theFirstLimitToExpireDecidesTheStatus(int functionTimeout, ApiKind api, int seconds, int status) {
        InvocationTimeout timeout = InvocationTimeout.of(
            new LocalFunction("Fn", "a.B::c", null, "java21", functionTimeout, 512, Map.of()), api);

        assertThat(timeout.seconds()).isEqualTo(seconds);
        assertThat(timeout.response().status()).isEqualTo(status);
        assertThat(new String(timeout.response().body())).isEqualTo(switch (status) {
            case 502 -> "{\"message\":\"Internal server error\"}";
            case 500 -> "{\"message\":\"Internal Server Error\"}";
            default -> "{\"message\":\"Endpoint request timed out\"}";
        });
    }
}
