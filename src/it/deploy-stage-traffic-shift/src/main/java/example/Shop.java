package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Answers {@code GET /health} and {@code GET /quote/{who}} with the release it was built as. A release
 * named {@code unhealthy-*} fails its health check, one named {@code faulty-*} fails its quotes: the
 * releases a pre-traffic and a post-traffic check must stop.
 */
public class Shop implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String RELEASE = release();

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String resource = String.valueOf(event.get("resource"));
        if (resource.equals("/health")) {
            return RELEASE.startsWith("unhealthy")
                    ? answer(503, "{\"status\":\"unhealthy\",\"release\":\"" + RELEASE + "\"}")
                    : answer(200, "{\"status\":\"ok\",\"release\":\"" + RELEASE + "\"}");
        }
        if (RELEASE.startsWith("faulty")) {
            return answer(500, "{\"message\":\"release " + RELEASE + " cannot quote\"}");
        }
        Map<String, Object> path = (Map<String, Object>) event.get("pathParameters");
        return answer(200, "{\"quote\":\"Hello, " + path.get("who") + "\",\"release\":\"" + RELEASE + "\"}");
    }

    private static Map<String, Object> answer(int status, String body) {
        return Map.of("statusCode", status, "headers", Map.of("Content-Type", "application/json"), "body", body);
    }

    private static String release() {
        try (InputStream in = Shop.class.getResourceAsStream("/release.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("release");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
