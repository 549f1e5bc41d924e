package example;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class GreeterIT {

    @Test
    void greetsByNameWithTheConfiguredGreeting(RequestSpecification api) {
        api.get("/greetings/{name}", "Ada").then().statusCode(200).body(equalTo("Hello, Ada!"));
    }

    @Test
    void unknownRoutesAreRejectedLikeApiGatewayDoes(RequestSpecification api) {
        api.get("/nowhere").then().statusCode(403);
    }
}
