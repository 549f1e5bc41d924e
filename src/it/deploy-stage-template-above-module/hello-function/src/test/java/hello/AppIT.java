package hello;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class AppIT {

    @Test
    void saysHello(RequestSpecification api) {
        api.get("/hello").then().statusCode(200).body("message", equalTo("hello from one level down"));
    }
}
