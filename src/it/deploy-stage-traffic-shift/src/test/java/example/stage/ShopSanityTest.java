package example.stage;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import dev.samstage.testkit.SanityTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Run by the PostTraffic hook once all traffic is on the new version, and by deploy-stage in production. */
@StageTest
@SanityTest
class ShopSanityTest {

    @Test
    void quotesAnswerWithTheirRelease(RequestSpecification api) {
        api.get("/quote/{who}", "Grace").then().statusCode(200)
                .body("quote", equalTo("Hello, Grace"))
                .body("release", not(emptyOrNullString()));
    }
}
