package example.tests;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class ShopIT {

    @Test
    void ordersAreServedByTheOrdersModuleWithTheSharedLibrary(RequestSpecification api) {
        api.get("/orders/{id}", "42").then().statusCode(200).body(equalTo("order 42: 12.50 EUR"));
    }

    @Test
    void stockIsServedByTheStockModule(RequestSpecification api) {
        api.get("/stock/{sku}", "A-1").then().statusCode(200).body(equalTo("sku A-1: 7 in stock"));
    }
}
