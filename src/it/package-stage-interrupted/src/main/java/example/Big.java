package example;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** A function that ships a large resource and answers with its size. */
public class Big {

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        try (InputStream in = Big.class.getResourceAsStream("/big.bin")) {
            return Map.of("statusCode", 200, "body", String.valueOf(in.readAllBytes().length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
