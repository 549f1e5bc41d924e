package dev.samstage.sample.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.contains;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * The full functional suite, run by {@code mvn deploy-stage -Denv=dev} (and {@code -Denv=local})
 * against the deployed API. Each test gets a fresh request specification for the stage.
 */
@StageTest
@IntegrationTest
class QuoteApiIntegrationTest {

    @Test
    void healthReportsTheServiceAndItsVersion(RequestSpecification api) {
        api.get("/health").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("ok"))
                .body("service", equalTo("quote-service"))
                .body("version", matchesPattern("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"))
                .body("stage", not(emptyString()));
    }

    @Test
    void listsTheProductsOfOneCategory(RequestSpecification api) {
        api.queryParam("category", "tools").get("/products").then()
                .statusCode(200)
                .body("products", hasSize(3))
                .body("products.category", everyItem(equalTo("tools")));
    }

    @Test
    void getsAProductByItsId(RequestSpecification api) {
        api.get("/products/{id}", "p-301").then()
                .statusCode(200)
                .body("id", equalTo("p-301"))
                .body("name", equalTo("Laser distance meter"))
                .body("unitPrice", equalTo("89.00"))
                .body("currency", equalTo("EUR"));
    }

    @Test
    void anUnknownProductIsNotFound(RequestSpecification api) {
        api.get("/products/{id}", "p-999").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("not_found"))
                .body("message", equalTo("No product with id 'p-999'"));
    }

    @Test
    void pricesAQuoteExactly(RequestSpecification api) {
        api.contentType(ContentType.JSON)
                .body("{\"items\":[{\"productId\":\"p-100\",\"quantity\":2},{\"productId\":\"p-200\",\"quantity\":3}],"
                        + "\"customerReference\":\"PO-2026-001\"}")
                .post("/quotes").then()
                .statusCode(201)
                .body("quoteId", startsWith("q-"))
                .body("lines.lineTotal", contains("259.80", "26.85"))
                .body("subtotal", equalTo("286.65"))
                .body("discount", equalTo("0.00"))
                .body("tax", equalTo("57.33"))
                .body("total", equalTo("343.98"))
                .body("customerReference", equalTo("PO-2026-001"));
    }

    @Test
    void largeQuotesGetTheVolumeDiscount(RequestSpecification api) {
        api.contentType(ContentType.JSON)
                .body("{\"items\":[{\"productId\":\"p-101\",\"quantity\":7}]}")
                .post("/quotes").then()
                .statusCode(201)
                .body("subtotal", equalTo("1043.00"))
                .body("discount", equalTo("104.30"))
                .body("tax", equalTo("187.74"))
                .body("total", equalTo("1126.44"));
    }

    @Test
    void aQuoteWithABadQuantityIsRejectedNamingTheField(RequestSpecification api) {
        api.contentType(ContentType.JSON)
                .body("{\"items\":[{\"productId\":\"p-100\",\"quantity\":-1}]}")
                .post("/quotes").then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("field", equalTo("items[0].quantity"))
                .body("message", startsWith("items[0].quantity must be a whole number"));
    }

    @Test
    void aQuoteThatIsNotJsonIsRejected(RequestSpecification api) {
        api.contentType(ContentType.JSON)
                .body("{\"items\": [")
                .post("/quotes").then()
                .statusCode(400)
                .body("field", equalTo("body"))
                .body("message", startsWith("body is not valid JSON"));
    }

    @Test
    void aQuoteForAnUnknownProductIsUnprocessable(RequestSpecification api) {
        api.contentType(ContentType.JSON)
                .body("{\"items\":[{\"productId\":\"p-404\",\"quantity\":1}]}")
                .post("/quotes").then()
                .statusCode(422)
                .body("field", equalTo("items[0].productId"));
    }

    @Test
    void anUndeclaredRouteIsRefused(RequestSpecification api) {
        // API Gateway answers 403 for a route the API does not declare; a local stage may answer 404
        int status = api.delete("/quotes/q-1").then().extract().statusCode();

        assertThat(status).isIn(403, 404);
    }
}
