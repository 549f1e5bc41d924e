package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StageOrderTest {

    private static final List<String> DECLARED = List.of("local", "prod", "dev", "staging");

    @Test
    void withoutLinksTheDeclarationOrderHoldsAndLocalTakesNoPart() {
        StageOrder order = StageOrder.linked(DECLARED, Map.of());
        assertThat(order.stages()).containsExactly("prod", "dev", "staging");
        assertThat(order.previous("prod")).isEqualTo(StageOrder.BUILD);
        assertThat(order.next("staging")).isEmpty();
    }

    @Test
    void explicitLinksChainEveryStageWhateverTheDeclarationOrder() {
        StageOrder order = StageOrder.linked(DECLARED, Map.of("dev", "staging", "staging", "prod"));
        assertThat(order.stages()).containsExactly("dev", "staging", "prod");
        assertThat(order.previous("staging")).isEqualTo("dev");
        assertThat(order.next("dev")).contains("staging");
    }

    static Stream<Arguments> brokenOrders() {
        return Stream.of(
                Arguments.of("a cycle through every stage", links("dev", "staging", "staging", "prod", "prod", "dev"),
                        "form a cycle: every stage follows another"),
                Arguments.of("a cycle beside the chain", links("dev", "staging", "staging", "dev", "prod", "staging"),
                        "both name <next>staging</next>"),
                Arguments.of("a link to an undeclared stage", links("dev", "qa", "staging", "prod"),
                        "names <next>qa</next>, which is not declared: a gap"),
                Arguments.of("a stage no link reaches", links("dev", "staging"),
                        "leave a gap: the chain dev -> staging never reaches [prod]"),
                Arguments.of("a link from an undeclared stage", links("qa", "dev", "dev", "staging", "staging", "prod"),
                        "<next> is set for stage 'qa', which is not declared"),
                Arguments.of("two stages naming the same next", links("dev", "prod", "staging", "prod"),
                        "Stages 'dev' and 'staging' both name <next>prod</next>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenOrders")
    void brokenOrdersAreRefusedWithTheReason(String title, Map<String, String> next, String message) {
        assertThatThrownBy(() -> StageOrder.linked(List.of("dev", "staging", "prod"), next))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aStageDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> StageOrder.declared(List.of("dev", "dev")))
                .hasMessageContaining("<environment> 'dev' is declared twice");
    }

    private static Map<String, String> links(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
