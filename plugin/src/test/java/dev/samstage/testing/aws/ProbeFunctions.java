package dev.samstage.testing.aws;

import java.util.Map;

/**
 * The code and SAM template of {@link ProbeService}: small Java handlers of every shape Lambda's
 * Java runtime accepts, each reporting what it was given, and the functions and API routes that
 * run them.
 */
final class ProbeFunctions {

    static final String PROBE = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            import java.util.TreeMap;
            import java.util.TreeSet;

            public class Probe implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                @Override
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    if (event.containsKey("fail")) {
                        throw new IllegalStateException("asked to fail: " + event.get("fail"));
                    }
                    String sleep = event.containsKey("sleepMillis") ? String.valueOf(event.get("sleepMillis"))
                            : System.getenv("SLEEP_MILLIS");
                    if (sleep != null) {
                        try {
                            Thread.sleep(Long.parseLong(sleep));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    System.out.println("probe printed this");
                    Map<String, Object> out = new TreeMap<>();
                    out.put("release", System.getenv("RELEASE"));
                    out.put("variables", new TreeSet<>(System.getenv().keySet()));
                    out.put("version", context.getFunctionVersion());
                    out.put("invokedArn", context.getInvokedFunctionArn());
                    out.put("echo", event);
                    return out;
                }
            }
            """;

    static final String SHOUT = """
            package probe;

            public class Shout {
                public String shout(String words) {
                    return words.toUpperCase();
                }
            }
            """;

    static final String PERSON = """
            package probe;

            public class Person {
                private String name;
                public String getName() { return name; }
                public void setName(String name) { this.name = name; }
            }
            """;

    static final String GREETER = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;

            public class Greeter {
                public String greet(Person person, Context context) {
                    return "hello " + person.getName() + " from " + context.getFunctionName();
                }
            }
            """;

    static final String ECHO = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;

            public class Echo implements RequestStreamHandler {
                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    out.write(("{\\"streamed\\":" + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    static final String API = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.List;
            import java.util.Map;

            public class Api implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                @Override
                @SuppressWarnings("unchecked")
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    if (String.valueOf(event.get("path")).endsWith("/boom")) {
                        throw new IllegalStateException("boom");
                    }
                    if (String.valueOf(event.get("path")).endsWith("/malformed")) {
                        return Map.of("body", "no status code");
                    }
                    Map<String, Object> path = (Map<String, Object>) event.get("pathParameters");
                    Map<String, Object> query = (Map<String, Object>) event.get("queryStringParameters");
                    Map<String, Object> request = (Map<String, Object>) event.get("requestContext");
                    return Map.of("statusCode", 201,
                            "headers", Map.of("Content-Type", "text/plain", "X-Release", System.getenv("RELEASE")),
                            "multiValueHeaders", Map.of("Set-Cookie", List.of("a=1", "b=2")),
                            "body", event.get("httpMethod") + " " + event.get("resource") + " id=" + path.get("id")
                                    + " q=" + query.get("q") + " stage=" + request.get("stage")
                                    + " version=" + context.getFunctionVersion());
                }
            }
            """;

    static final String RECORDER = """
            package probe;

            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.util.Map;

            /** Writes an S3 object through the local AWS with the credentials and endpoint Lambda handed it. */
            public class Recorder {
                public void record(Map<String, String> event) throws Exception {
                    String endpoint = System.getenv("AWS_ENDPOINT_URL");
                    HttpRequest put = HttpRequest.newBuilder(URI.create(endpoint + "/" + event.get("bucket") + "/" + event.get("key")))
                            .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + System.getenv("AWS_ACCESS_KEY_ID")
                                    + "/20260101/" + System.getenv("AWS_REGION") + "/s3/aws4_request, SignedHeaders=host, Signature=0")
                            .header("x-amz-security-token", System.getenv("AWS_SESSION_TOKEN"))
                            .PUT(HttpRequest.BodyPublishers.ofString(System.getenv("AWS_LAMBDA_FUNCTION_NAME")))
                            .build();
                    int status = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException("PUT answered " + status);
                    }
                }
            }
            """;

    static final String EVENTS_API = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
            import java.util.Base64;
            import java.util.Map;

            public class EventsApi implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                @Override
                public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
                    String text = event.getHttpMethod() + " " + event.getPathParameters().get("id") + " "
                            + event.getRequestContext().getStage() + " " + event.getHeaders().get("X-Probe") + " " + event.getBody();
                    return new APIGatewayProxyResponseEvent().withStatusCode(200)
                            .withHeaders(Map.of("Content-Type", "text/plain"))
                            .withIsBase64Encoded(true)
                            .withBody(Base64.getEncoder().encodeToString(text.getBytes()));
                }
            }
            """;

    /** The handlers' sources by class name. */
    static final Map<String, String> SOURCES = Map.of("probe.Probe", PROBE, "probe.Shout", SHOUT, "probe.Person", PERSON,
            "probe.Greeter", GREETER, "probe.Echo", ECHO, "probe.Api", API, "probe.Recorder", RECORDER,
            "probe.EventsApi", EVENTS_API);

    /** The template; {@code %1$s} is the bucket that holds the code. */
    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java21
                CodeUri: s3://%1$s/probe.zip
                MemorySize: 256
                Timeout: 20
            Resources:
              ProbeFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Probe
                  AutoPublishAlias: live
                  Environment: {Variables: {RELEASE: v1}}
              # functions whose handler is all they declare, one per line
              SlowFunction: {Type: AWS::Serverless::Function, Properties: {Handler: probe.Probe, Timeout: 1}}
              ShoutFunction: {Type: AWS::Serverless::Function, Properties: {Handler: "probe.Shout::shout"}}
              GreeterFunction: {Type: AWS::Serverless::Function, Properties: {Handler: "probe.Greeter::greet"}}
              EchoFunction: {Type: AWS::Serverless::Function, Properties: {Handler: probe.Echo}}
              MisnamedFunction: {Type: AWS::Serverless::Function, Properties: {Handler: "probe.Missing::handleRequest"}}
              RecorderFunction: {Type: AWS::Serverless::Function, Properties: {Handler: "probe.Recorder::record"}}
              EventsApiFunction:
                Type: AWS::Serverless::Function
                Properties: {Handler: probe.EventsApi,
                             Events: {Typed: {Type: Api, Properties: {Path: "/typed/{id}", Method: put}}}}
              ApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Api
                  AutoPublishAlias: live
                  Environment: {Variables: {RELEASE: api-v1}}
                  Events:
                    Item: {Type: Api, Properties: {Path: "/items/{id}", Method: get}}
                    Other: {Type: Api, Properties: {Path: "/{proxy+}", Method: any}}
              UnpermittedApiFunction:
                Type: AWS::Serverless::Function
                Properties: {Handler: probe.Api, Environment: {Variables: {RELEASE: api-v1}},
                             Events: {Unpermitted: {Type: Api, Properties: {Path: "/unpermitted/{id}", Method: get}}}}
              SlowApiFunction:
                Type: AWS::Serverless::Function
                Properties: {Handler: probe.Probe, Environment: {Variables: {SLEEP_MILLIS: 6000}},
                             Events: {Slow: {Type: Api, Properties: {Path: "/slow", Method: post, TimeoutInMillis: 1000}}}}
            Outputs:
              ApiUrl:
                Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod
            """;

    private ProbeFunctions() {
    }
}
