package dev.samstage.sample.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two AWS calls a post-traffic hook makes, on one local endpoint (the hook's
 * {@code AWS_ENDPOINT_URL}), answered in the services' own wire formats so the hook's real SDK
 * clients parse them: CloudFormation DescribeStacks (query protocol, XML) for one stack in the
 * middle of its update, whose {@code ApiUrl} output is the API under test, and CodeDeploy
 * PutLifecycleEventHookExecutionStatus (JSON 1.1), whose requests are recorded.
 */
final class LocalAwsEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CFN_NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final HttpServer server;
    private final String stackName;
    private final URI apiUrl;
    private final List<JsonNode> hookStatuses = new CopyOnWriteArrayList<>();
    private final List<String> stacksDescribed = new CopyOnWriteArrayList<>();

    private LocalAwsEndpoint(HttpServer server, String stackName, URI apiUrl) {
        this.server = server;
        this.stackName = stackName;
        this.apiUrl = apiUrl;
    }

    static LocalAwsEndpoint forStack(String stackName, URI apiUrl) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LocalAwsEndpoint aws = new LocalAwsEndpoint(server, stackName, apiUrl);
            server.createContext("/", aws::serve);
            server.start();
            return aws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The PutLifecycleEventHookExecutionStatus request bodies received, in order. */
    List<JsonNode> hookStatuses() {
        return hookStatuses;
    }

    /** The stack names DescribeStacks was asked for, in order. */
    List<String> stacksDescribed() {
        return stacksDescribed;
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus".equals(target)) {
            JsonNode request = JSON.readTree(body);
            hookStatuses.add(request);
            answer(exchange, 200, "application/x-amz-json-1.1",
                    "{\"lifecycleEventHookExecutionId\":" + request.get("lifecycleEventHookExecutionId") + "}");
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        if (target == null && "DescribeStacks".equals(form.get("Action"))) {
            describeStacks(exchange, form.get("StackName"));
            return;
        }
        answer(exchange, 400, "application/x-amz-json-1.1",
                "{\"__type\":\"UnknownOperationException\",\"message\":\"" + (target != null ? target : form.get("Action")) + "\"}");
    }

    private void describeStacks(HttpExchange exchange, String name) throws IOException {
        stacksDescribed.add(String.valueOf(name));
        if (!stackName.equals(name)) {
            answer(exchange, 400, "text/xml", "<ErrorResponse xmlns=\"" + CFN_NS + "\"><Error><Type>Sender</Type>"
                    + "<Code>ValidationError</Code><Message>Stack with id " + name + " does not exist</Message></Error>"
                    + "<RequestId>5d1b6f0e-0000-4000-8000-000000000001</RequestId></ErrorResponse>");
            return;
        }
        answer(exchange, 200, "text/xml", "<DescribeStacksResponse xmlns=\"" + CFN_NS + "\"><DescribeStacksResult><Stacks><member>"
                + "<StackName>" + stackName + "</StackName>"
                + "<StackId>arn:aws:cloudformation:eu-west-1:111111111111:stack/" + stackName
                + "/0c8a4f60-0000-4000-8000-000000000001</StackId>"
                // hooks run while CloudFormation updates the alias: the outputs are those of the last deployment
                + "<StackStatus>UPDATE_IN_PROGRESS</StackStatus>"
                + "<CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                + "<Outputs><member><OutputKey>ApiUrl</OutputKey><OutputValue>" + apiUrl + "</OutputValue></member></Outputs>"
                + "</member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>5d1b6f0e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>"
                + "</DescribeStacksResponse>");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
