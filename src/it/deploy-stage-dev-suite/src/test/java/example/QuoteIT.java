package example;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class QuoteIT {

    @Test
    void quotesTheStagesGreetingForTheCaller(RequestSpecification api) {
        // the greeting the stage is configured with (pom: parameterOverrides), unless the build says otherwise
        String expected = System.getProperty("samstage.expectedGreeting", "Good-morning");
        api.get("/quote/{who}", "Ada").then().statusCode(200)
                .body("quote", equalTo(expected + ", Ada"))
                .body("classSha256", matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void routesTheApiDoesNotHaveAreRejectedLikeApiGatewayDoes(RequestSpecification api) {
        api.get("/nowhere").then().statusCode(403).body("message", equalTo("Missing Authentication Token"));
    }
}
