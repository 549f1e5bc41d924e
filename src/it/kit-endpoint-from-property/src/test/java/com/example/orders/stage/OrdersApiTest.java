package com.example.orders.stage;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageContext;
import dev.samstage.testkit.StageTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest(basePath = "/orders")
@IntegrationTest
class OrdersApiTest {

    @Test
    void readsAnOrder(RequestSpecification api) {
        api.get("/42")
           .then().statusCode(200).body("sku", equalTo("A-1")).body("status", equalTo("PENDING"));
    }

    @Test
    void createsAnOrder(RequestSpecification api) {
        api.contentType(ContentType.JSON)
           .body("{\"sku\":\"B-7\",\"quantity\":3}")
           .post()
           .then().statusCode(201).body("id", equalTo("43")).body("sku", equalTo("B-7"));
    }

    @Test
    void answersNotFoundForAnUnknownOrder(RequestSpecification api) {
        api.get("/999")
           .then().statusCode(404).body("message", equalTo("Not Found"));
    }

    @Test
    void takesTheEndpointFromTheCommandLine(StageContext stage) {
        assertEquals(System.getProperty("samstage.endpoint"), stage.endpoint().toString());
        assertEquals("system property samstage.endpoint", stage.source());
    }
}
