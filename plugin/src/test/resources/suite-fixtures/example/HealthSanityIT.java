package example;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("sanity")
class HealthSanityIT {

    @Test
    void isUp() {
        assertTrue(true);
    }
}
