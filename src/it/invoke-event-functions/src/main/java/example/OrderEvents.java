package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consumes order messages in batches. */
public class OrderEvents implements RequestHandler<SQSEvent, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(SQSEvent event, Context context) {
        List<String> ids = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            ids.add(message.getMessageId());
        }
        context.getLogger().log("processing " + ids.size() + " order message(s) for shop " + System.getenv("SHOP"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processed", ids.size());
        result.put("messageIds", ids);
        return result;
    }
}
