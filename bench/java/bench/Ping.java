package bench;

import java.util.Map;

/** The trivial handler the local stage's overhead is measured with: no work, a fixed answer. */
public final class Ping {

    private static final Map<String, Object> ANSWER = Map.of("statusCode", 200, "body", "pong");

    public Map<String, Object> handle(Map<String, Object> event) {
        return ANSWER;
    }
}
