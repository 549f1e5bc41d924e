package example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sanity")
@Tag("integration")
class StageSanityTest {

    /** The suite runs against the stage the execute action deployed, whose endpoint the deploy resolved. */
    @Test
    void runsAgainstTheDeployedStagesEndpoint() {
        String endpoint = System.getProperty("samstage.endpoint", "");
        assertTrue(endpoint.matches("https://\\w+\\.execute-api\\.eu-west-1\\.amazonaws\\.com/Prod"), endpoint);
    }
}
