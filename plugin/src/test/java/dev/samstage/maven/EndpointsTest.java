package dev.samstage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.StageException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @Test
    void anHttpUrlIsTakenAsGivenWithoutSurroundingSpace() {
        assertThat(Endpoints.parse(" http://localhost:4566 ", "samstage.endpointUrl", "http://localhost:4566"))
                .isEqualTo(URI.create("http://localhost:4566"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-url", "localhost:4566", "ftp://host/x", "http://", "http://bad host"})
    void anythingElseIsOneLineNamingThePropertyTheValueAndAnExample(String value) {
        assertThatThrownBy(() -> Endpoints.parse(value, "samstage.endpointUrl", "http://localhost:4566"))
                .isInstanceOf(StageException.class)
                .hasMessage("samstage.endpointUrl '" + value + "' is not an http(s) URL; give one like http://localhost:4566.");
    }

    @Test
    void aSuiteEndpointIsExplainedWithAnApiGatewayExample() {
        assertThatThrownBy(() -> Endpoints.parse("not-a-url", "samstage.endpoint"))
                .hasMessage("samstage.endpoint 'not-a-url' is not an http(s) URL; give one like"
                        + " https://abc123.execute-api.eu-west-1.amazonaws.com/Prod.");
    }
}
