package helloworld;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Handler for requests to Lambda function. */
public class App implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public Map<String, Object> handleRequest(final Map<String, Object> input, final Context context) {
        return Map.of("statusCode", 200, "body", "{ \"message\": \"hello world\" }");
    }
}
