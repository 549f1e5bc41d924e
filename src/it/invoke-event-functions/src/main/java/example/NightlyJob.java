package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs once a night on an EventBridge schedule. */
public class NightlyJob {

    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("detailType", event.getDetailType());
        result.put("rule", event.getResources().get(0));
        result.put("day", event.getTime().toLocalDate().toString());
        return result;
    }
}
