package chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The service's own integration suite: it knows only the stage endpoint and the release it expects. */
@Tag("integration")
class ChainIT {

    @Test
    void greetsWithTheDeployedRelease() throws Exception {
        URI greeting = URI.create(System.getProperty("samstage.endpoint")).resolve("greeting");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(greeting).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), "GET /greeting status");
        assertEquals("release " + System.getProperty("chain.release") + " says " + System.getProperty("chain.greeting"),
                response.body());
    }
}
