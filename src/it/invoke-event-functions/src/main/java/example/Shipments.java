package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reacts to the shipping service's EventBridge events: an order left the warehouse. */
public class Shipments {

    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        context.getLogger().log("order " + event.getDetail().get("orderId") + " shipped by " + event.getSource());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orderId", event.getDetail().get("orderId"));
        result.put("status", "SHIPPED");
        return result;
    }
}
