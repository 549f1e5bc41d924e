package com.example.orders.stage;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.SanityTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@SanityTest
class HealthCheckTest {

    @Test
    void reportsUp(RequestSpecification api) {
        api.get("/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
