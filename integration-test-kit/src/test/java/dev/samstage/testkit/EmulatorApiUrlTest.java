package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulatorApiUrlTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://abc123.execute-api.eu-west-1.amazonaws.com/Prod                  | http://localhost:4566  | http://localhost:4566/restapis/abc123/Prod/_user_request_
            https://abc123.execute-api.eu-west-1.amazonaws.com/Prod/                 | http://localhost:4566/ | http://localhost:4566/restapis/abc123/Prod/_user_request_/
            https://abc123.execute-api.us-east-1.amazonaws.com/dev/orders/7?x=1      | http://127.0.0.1:9000  | http://127.0.0.1:9000/restapis/abc123/dev/_user_request_/orders/7?x=1
            https://abc123.execute-api.eu-west-1.amazonaws.com                       | http://localhost:4566  | https://abc123.execute-api.eu-west-1.amazonaws.com
            https://api.example.com/Prod                                             | http://localhost:4566  | https://api.example.com/Prod
            http://localhost:3000                                                    | http://localhost:4566  | http://localhost:3000
            """)
    void aRestApiStageUrlIsServedByTheEmulatorsDataPlaneAndAnyOtherUrlIsKept(String url, String endpoint, String expected) {
        assertThat(EmulatorApiUrl.on(URI.create(endpoint), url)).isEqualTo(expected);
    }
}
