package example;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
class OrdersIT {

    @Test
    void seesTheStageEndpoint() {
        assertEquals("http://127.0.0.1:9/", System.getProperty("samstage.endpoint"));
        assertEquals("local", System.getProperty("samstage.env"));
    }

    @Test
    void seesExtraSystemProperties() {
        assertEquals("eu-west-1", System.getProperty("aws.region"));
        System.out.println("orders suite says hello");
    }
}
