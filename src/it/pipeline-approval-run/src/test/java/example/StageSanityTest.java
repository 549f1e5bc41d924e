package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sanity")
@Tag("integration")
class StageSanityTest {

    /**
     * The suite runs against the stage the execute action deployed, whose endpoint the deploy resolved:
     * deployed to the local AWS, its execute-api data plane for the stage's API.
     */
    @Test
    void runsAgainstTheDeployedStagesEndpoint() {
        String endpoint = System.getProperty("samstage.endpoint", "");
        assertTrue(endpoint.matches("http://localhost:\\d+/restapis/\\w+/Prod/_user_request_"), endpoint);
    }
}
