package leaky;

import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A stage suite whose test fails against a stage that answers 503, so the kit logs the exchange. */
@Tag("leaky")
@StageTest
class LeakyIT {

    @Test
    void ordersAnswer(RequestSpecification api) {
        // the same fake token as dev.samstage.secrets.Secrets.SESSION_TOKEN
        api.header("X-Amz-Security-Token", "FAKESESSIONTOKENSamstage0001/DoNotLog+Zm9vYmFy==")
                .get("/orders").then().statusCode(200);
    }
}
