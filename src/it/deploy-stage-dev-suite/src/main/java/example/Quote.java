package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Greets the caller and says which compiled class answered: the SHA-256 of its own class file. */
public class Quote implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> path = (Map<String, Object>) event.get("pathParameters");
        String body = "{\"quote\":\"" + System.getenv("GREETING") + ", " + path.get("who") + "\",\"classSha256\":\""
                + ownClassDigest() + "\"}";
        return Map.of("statusCode", 200, "headers", Map.of("Content-Type", "application/json"), "body", body);
    }

    private static String ownClassDigest() {
        try (InputStream in = Quote.class.getResourceAsStream("Quote.class")) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
