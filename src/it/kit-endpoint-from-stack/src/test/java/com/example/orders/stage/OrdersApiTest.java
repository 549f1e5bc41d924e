package com.example.orders.stage;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageContext;
import dev.samstage.testkit.StageOutput;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import java.util.Optional;
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
    void answersNotFoundForAnUnknownOrder(RequestSpecification api) {
        api.get("/999")
           .then().statusCode(404).body("message", equalTo("Not Found"));
    }

    @Test
    void findsTheStageThroughItsStack(StageContext stage, @StageOutput("ApiUrl") String apiUrl,
                                      @StageOutput("EventsTopic") String eventsTopic) {
        System.out.println("Stage resolved from " + stage.source());
        assertTrue(stage.source().startsWith("CloudFormation stack samstage.stackName=orders-api-it"), stage.source());
        assertEquals(apiUrl, stage.endpoint().toString());
        assertEquals(Optional.of("orders-api-it"), stage.stackName());
        assertEquals(Optional.of("us-east-1"), stage.region());
        assertTrue(eventsTopic.startsWith("arn:aws:sns:us-east-1:"), eventsTopic);
    }
}
