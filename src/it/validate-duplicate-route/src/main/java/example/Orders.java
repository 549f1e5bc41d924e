package example;

import java.util.Map;

public class Orders {

    public Map<String, Object> handle(Map<String, Object> event) {
        return Map.of("statusCode", 200, "body", "order");
    }
}
