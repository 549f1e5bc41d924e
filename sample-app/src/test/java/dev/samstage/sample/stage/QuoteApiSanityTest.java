package dev.samstage.sample.stage;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import dev.samstage.testkit.SanityTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Read-only checks safe for production, run by {@code mvn deploy-stage -Denv=prod} once the
 * new version takes traffic. Nothing here writes or creates anything.
 */
@StageTest
@SanityTest
class QuoteApiSanityTest {

    @Test
    void theStageIsHealthy(RequestSpecification api) {
        api.get("/health").then()
                .statusCode(200)
                .body("status", equalTo("ok"));
    }

    @Test
    void theCatalogueIsServed(RequestSpecification api) {
        api.get("/products").then()
                .statusCode(200)
                .body("products.size()", greaterThan(0))
                .body("products.id", hasItem("p-100"));
    }
}
