package com.example.orders.stage;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest(basePath = "/orders")
@IntegrationTest
class OrdersApiTest {

    @Test
    void readsAnOrder(RequestSpecification api) {
        api.get("/42").then().statusCode(200).body("sku", equalTo("A-1"));
    }

    @Test
    void answersNotFoundForAnUnknownOrder(RequestSpecification api) {
        api.get("/999").then().statusCode(404);
    }
}
