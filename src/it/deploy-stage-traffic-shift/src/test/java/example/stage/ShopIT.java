package example.stage;

import static org.hamcrest.Matchers.equalTo;

import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageTest;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@StageTest
@IntegrationTest
class ShopIT {

    @Test
    void theStageServesTheReleaseThisBuildMade(RequestSpecification api) throws IOException {
        api.get("/quote/{who}", "Ada").then().statusCode(200)
                .body("quote", equalTo("Hello, Ada"))
                .body("release", equalTo(builtRelease()));
    }

    /** The release this build compiled (src/main/resources/release.properties, filtered). */
    private static String builtRelease() throws IOException {
        try (InputStream in = ShopIT.class.getResourceAsStream("/release.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("release");
        }
    }
}
