package dev.samstage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class EnvironmentElementTest {

    @Test
    void anEnvironmentWithoutANameIsOneLineNotANullPointer() {
        assertThatThrownBy(() -> new EnvironmentElement().toCore())
                .isInstanceOf(ConfigException.class)
                .hasMessage("An <environment> of the samstage plugin configuration has no <name>; give every <environment> "
                        + "a <name>, such as dev.");
    }

    @Test
    void aBlankNameIsNoNameEither() {
        EnvironmentElement blank = new EnvironmentElement();
        blank.setName("  ");

        assertThatThrownBy(blank::toCore).isInstanceOf(ConfigException.class).hasMessageContaining("has no <name>");
    }

    @Test
    void aNamedEnvironmentBecomesTheCoreValue() {
        EnvironmentElement dev = new EnvironmentElement();
        dev.setName("dev");

        assertThat(dev.toCore().name()).isEqualTo("dev");
    }
}
