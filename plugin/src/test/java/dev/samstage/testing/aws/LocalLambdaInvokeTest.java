package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The local AWS runs a Java function's code when it is invoked, as Lambda's Java runtime does, and
 * serves the function's API through the execute-api data plane: a small service deployed through
 * CloudFormation with the SAM transform, invoked with the SDK's LambdaClient and over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalLambdaInvokeTest {

    private static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PROBE = """
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

    private static final String SHOUT = """
            package probe;

            public class Shout {
                public String shout(String words) {
                    return words.toUpperCase();
                }
            }
            """;

    private static final String PERSON = """
            package probe;

            public class Person {
                private String name;
                public String getName() { return name; }
                public void setName(String name) { this.name = name; }
            }
            """;

    private static final String GREETER = """
            package probe;

            import com.amazonaws.services.lambda.runtime.Context;

            public class Greeter {
                public String greet(Person person, Context context) {
                    return "hello " + person.getName() + " from " + context.getFunctionName();
                }
            }
            """;

    private static final String ECHO = """
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

    private static final String API = """
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

    private static final String RECORDER = """
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

    private static final String EVENTS_API = """
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

    private static final String TEMPLATE = """
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
                  Environment:
                    Variables:
                      RELEASE: v1
              SlowFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Probe
                  Timeout: 1
              ShoutFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Shout::shout
              GreeterFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Greeter::greet
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Echo
              MisnamedFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Missing::handleRequest
              RecorderFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Recorder::record
              EventsApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.EventsApi
                  Events:
                    Typed:
                      Type: Api
                      Properties:
                        Path: /typed/{id}
                        Method: put
              ApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Api
                  AutoPublishAlias: live
                  Environment:
                    Variables:
                      RELEASE: api-v1
                  Events:
                    Item:
                      Type: Api
                      Properties:
                        Path: /items/{id}
                        Method: get
                    Other:
                      Type: Api
                      Properties:
                        Path: /{proxy+}
                        Method: any
              UnpermittedApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Api
                  Environment:
                    Variables:
                      RELEASE: api-v1
                  Events:
                    Unpermitted:
                      Type: Api
                      Properties:
                        Path: /unpermitted/{id}
                        Method: get
              SlowApiFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: probe.Probe
                  Environment:
                    Variables:
                      SLEEP_MILLIS: 6000
                  Events:
                    Slow:
                      Type: Api
                      Properties:
                        Path: /slow
                        Method: post
                        TimeoutInMillis: 1000
            Outputs:
              ApiUrl:
                Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod
            """;

    private final LocalAws aws = LocalAws.get();
    private final String stackName = "invoke-" + UUID.randomUUID().toString().substring(0, 8);
    private final String bucket = stackName + "-code";
    private S3Client s3;
    private CloudFormationClient cfn;
    private LambdaClient lambda;
    private Map<String, String> physicalIds;

    @BeforeAll
    void deployTheServiceThroughCloudFormation(@TempDir Path dir) throws InterruptedException {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
        s3 = S3Client.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(aws.endpoint()).forcePathStyle(true).httpClientBuilder(ApacheHttpClient.builder()).build();
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION)));
        s3.putObject(r -> r.bucket(bucket).key("probe.zip"), RequestBody.fromBytes(
                LambdaFunctionFixture.zip(dir, Map.of("probe.Probe", PROBE, "probe.Shout", SHOUT, "probe.Person", PERSON,
                        "probe.Greeter", GREETER, "probe.Echo", ECHO, "probe.Api", API, "probe.Recorder", RECORDER,
                        "probe.EventsApi", EVENTS_API))));
        cfn = CloudFormationClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(aws.endpoint()).httpClientBuilder(ApacheHttpClient.builder()).build();
        lambda = LambdaClient.builder().region(Region.of(REGION)).credentialsProvider(credentials)
                .endpointOverride(aws.endpoint()).httpClientBuilder(ApacheHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(90))).build();
        cfn.createStack(r -> r.stackName(stackName).templateBody(TEMPLATE.formatted(bucket))
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        String status = "";
        for (int i = 0; i < 240 && !status.endsWith("COMPLETE") && !status.endsWith("FAILED"); i++) {
            Thread.sleep(250);
            status = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0).stackStatusAsString();
        }
        assertThat(status).isEqualTo("CREATE_COMPLETE");
        physicalIds = new HashMap<>();
        for (StackResource resource : cfn.describeStackResources(r -> r.stackName(stackName)).stackResources()) {
            physicalIds.put(resource.logicalResourceId(), resource.physicalResourceId());
        }
    }

    @AfterAll
    void close() {
        cfn.close();
        lambda.close();
        s3.close();
    }

    private InvokeResponse invoke(String logicalId, String qualifier, String payload) {
        return lambda.invoke(r -> {
            r.functionName(physicalIds.get(logicalId)).payload(SdkBytes.fromUtf8String(payload)).logType(LogType.TAIL);
            if (qualifier != null) {
                r.qualifier(qualifier);
            }
        });
    }

    private static JsonNode json(InvokeResponse response) throws IOException {
        return JSON.readTree(response.payload().asUtf8String());
    }

    @Test
    void aRequestHandlerRunsWithTheEventBoundToItsInputTypeAndItsResultIsThePayload() throws IOException {
        InvokeResponse response = invoke("ProbeFunction", null, "{\"answer\":42}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode result = json(response);
        assertThat(result.get("echo").get("answer").asInt()).isEqualTo(42);
        assertThat(result.get("release").asText()).isEqualTo("v1");
        assertThat(result.get("version").asText()).isEqualTo("$LATEST");
        assertThat(result.get("invokedArn").asText()).endsWith(":function:" + physicalIds.get("ProbeFunction"));
        // what the function prints is its log, which LogType=Tail returns
        assertThat(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8))
                .contains("probe printed this").contains("START RequestId: ").contains("REPORT RequestId: ");
    }

    @Test
    void theFunctionSeesItsTemplateVariablesAndLambdasReservedOnesButNothingOfTheMachineThatHostsIt() throws IOException {
        JsonNode variables = json(invoke("ProbeFunction", null, "{}")).get("variables");

        List<String> names = StreamSupport.stream(variables.spliterator(), false).map(JsonNode::asText).toList();
        // the local AWS itself runs with JAVA_HOME, HOME and SAMSTAGE_LAMBDA_CLASSPATH set (LocalAws)
        assertThat(names).containsExactlyInAnyOrder("RELEASE", "AWS_REGION", "AWS_DEFAULT_REGION",
                "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_EXECUTION_ENV", "_HANDLER",
                "LAMBDA_TASK_ROOT", "TZ", "LANG", "PATH", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL");
    }

    @Test
    void aFunctionThatSetsOneOfLambdasReservedVariablesIsRefusedAsLambdaRefusesIt() {
        String role = lambda.getFunction(r -> r.functionName(physicalIds.get("ShoutFunction"))).configuration().role();

        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName(stackName + "-reserved").runtime("java21")
                .role(role).handler("probe.Shout::shout").code(c -> c.s3Bucket(bucket).s3Key("probe.zip"))
                .environment(e -> e.variables(Map.of("AWS_REGION", "us-east-1", "TZ", ":Europe/Paris")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("contains reserved keys that are currently not supported for modification."
                        + " Reserved keys used in this request: AWS_REGION");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName(physicalIds.get("ShoutFunction"))
                .environment(e -> e.variables(Map.of("_HANDLER", "probe.Other")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Reserved keys used in this request: _HANDLER");
    }

    @Test
    void aHandlerThatThrowsAnswersLambdasUnhandledErrorDocument() throws IOException {
        InvokeResponse response = invoke("ProbeFunction", null, "{\"fail\":\"on purpose\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail: on purpose");
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("probe.Probe.handleRequest(Probe.java:");
    }

    @Test
    void aHandlerClassThatIsNotInThePackageFailsTheInitPhaseAsLambdaReportsIt() throws IOException {
        InvokeResponse response = invoke("MisnamedFunction", null, "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("Class not found: probe.Missing");
    }

    @Test
    void aRunLongerThanTheFunctionsTimeoutIsStoppedAndAnsweredAsATimeout() throws IOException {
        long started = System.nanoTime();
        InvokeResponse response = invoke("SlowFunction", null, "{\"sleepMillis\":15000}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(14));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).get("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
    }

    @Test
    void plainMethodsWithStringAndPojoInputsAndStreamHandlersRunAsLambdaBindsThem() throws IOException {
        assertThat(json(invoke("ShoutFunction", null, "\"quiet words\"")).asText()).isEqualTo("QUIET WORDS");
        assertThat(json(invoke("GreeterFunction", null, "{\"name\":\"Ada\",\"unknown\":1}")).asText())
                .isEqualTo("hello Ada from " + physicalIds.get("GreeterFunction"));
        assertThat(json(invoke("EchoFunction", null, "{\"raw\":[1,2]}")).get("streamed").get("raw").get(1).asInt())
                .isEqualTo(2);
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedAsLambdaRefusesIt() {
        assertThatThrownBy(() -> invoke("ShoutFunction", null, "not json"))
                .hasMessageContaining("Could not parse request body into json");
    }

    @Test
    void anEventInvocationIsAcceptedAtOnceAndRunsAfterwardsWithTheEndpointAndCredentialsLambdaHandsIt()
            throws InterruptedException {
        String key = "ran-" + UUID.randomUUID();
        InvokeResponse response = lambda.invoke(r -> r.functionName(physicalIds.get("RecorderFunction"))
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        String written = null;
        for (int i = 0; i < 240 && written == null; i++) {
            try {
                written = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
            } catch (NoSuchKeyException e) {
                Thread.sleep(250);
            }
        }
        assertThat(written).isEqualTo(physicalIds.get("RecorderFunction"));
    }

    @Test
    void anAliasWithAdditionalVersionWeightsRunsTheVersionTheWeightsPick() throws IOException {
        String function = physicalIds.get("ProbeFunction");
        lambda.updateFunctionConfiguration(r -> r.functionName(function)
                .environment(e -> e.variables(Map.of("RELEASE", "v2"))));
        String second = lambda.publishVersion(r -> r.functionName(function)).version();
        String first = lambda.getAlias(r -> r.functionName(function).name("live")).functionVersion();
        assertThat(second).isNotEqualTo(first);

        lambda.updateAlias(r -> r.functionName(function).name("live").functionVersion(first)
                .routingConfig(c -> c.additionalVersionWeights(Map.of(second, 1.0))));
        InvokeResponse all = invoke("ProbeFunction", "live", "{}");
        lambda.updateAlias(r -> r.functionName(function).name("live").functionVersion(first)
                .routingConfig(c -> c.additionalVersionWeights(Map.of(second, 0.0))));
        InvokeResponse none = invoke("ProbeFunction", "live", "{}");

        assertThat(all.executedVersion()).isEqualTo(second);
        assertThat(json(all).get("release").asText()).isEqualTo("v2");
        assertThat(json(all).get("invokedArn").asText()).endsWith(function + ":live");
        assertThat(none.executedVersion()).isEqualTo(first);
        assertThat(json(none).get("release").asText()).isEqualTo("v1");
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        URI url = URI.create(aws.endpoint() + "/restapis/" + physicalIds.get("ServerlessRestApi") + "/Prod/_user_request_" + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStagesApiRunsTheFunctionsAliasWithTheProxyEventAndAnswersWithItsResult() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "/items/42?q=tea");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("GET /items/{id} id=42 q=tea stage=Prod version=1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("X-Release")).hasValue("api-v1");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void aHandlerTypedWithTheLambdaEventsLibraryGetsTheProxyEventAndABase64BodyStaysTextWithoutBinaryMediaTypes()
            throws IOException, InterruptedException {
        URI url = URI.create(aws.endpoint() + "/restapis/" + physicalIds.get("ServerlessRestApi") + "/Prod/_user_request_/typed/7");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).header("X-Probe", "yes")
                .PUT(HttpRequest.BodyPublishers.ofString("payload")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        // the API declares no binaryMediaTypes, so API Gateway hands the client the base64 text
        assertThat(new String(Base64.getDecoder().decode(response.body()), StandardCharsets.UTF_8))
                .isEqualTo("PUT 7 Prod yes payload");
    }

    @Test
    void aRouteTheApiDoesNotHaveIsMissingAuthenticationToken() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "/");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
    }

    @Test
    void aFunctionErrorOrAMalformedResultIsABadGatewayForTheCaller() throws IOException, InterruptedException {
        for (String path : List.of("/boom", "/malformed")) {
            HttpResponse<String> response = call("POST", path);

            assertThat(response.statusCode()).as(path).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).get("message").asText()).as(path).isEqualTo("Internal server error");
        }
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutIsAGatewayTimeout() throws IOException, InterruptedException {
        URI url = URI.create(aws.endpoint() + "/restapis/" + physicalIds.get("ServerlessRestApi") + "/Prod/_user_request_/slow");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());

        // the function sleeps 6 s (SLEEP_MILLIS), its integration waits 1 s (TimeoutInMillis)
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Endpoint request timed out");
    }

    @Test
    void withoutAPermissionForApiGatewayOnTheFunctionTheCallIsAnInternalServerError()
            throws IOException, InterruptedException {
        String function = physicalIds.get("UnpermittedApiFunction");
        assertThat(call("GET", "/unpermitted/1?q=a").statusCode()).as("with SAM's permission").isEqualTo(201);
        JsonNode policy = JSON.readTree(lambda.getPolicy(r -> r.functionName(function)).policy());
        for (JsonNode statement : policy.get("Statement")) {
            lambda.removePermission(r -> r.functionName(function).statementId(statement.get("Sid").asText()));
        }

        HttpResponse<String> response = call("GET", "/unpermitted/1?q=a");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Internal server error");
    }

    @Test
    void aStageTheApiDoesNotHaveIsForbidden() throws IOException, InterruptedException {
        URI url = URI.create(aws.endpoint() + "/restapis/" + physicalIds.get("ServerlessRestApi") + "/Nope/_user_request_/items/1");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Forbidden");
    }
}
