package helloworld;

import static org.hamcrest.Matchers.containsString;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class AppIT {

    @Test
    void saysHelloOverTheStagesApi(RequestSpecification api) {
        api.get("/hello").then().statusCode(200).body(containsString("hello world"));
    }
}
