package dev.samstage.testing.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS wire protocols the SDK clients speak, told apart by the request, each with the
 * error answers that AWS itself gives for throttling and internal errors.
 */
enum WireProtocol {
    /** S3: REST with XML bodies; throttling is 503 SlowDown. */
    REST_XML,
    /** CloudFormation, STS: form-encoded {@code Action=...} with XML error envelopes. */
    QUERY,
    /** KMS, CodeDeploy: {@code X-Amz-Target} with JSON bodies. */
    JSON,
    /** Smithy RPC v2 CBOR services: only the status code is given, which the SDK retries on. */
    RPC_V2_CBOR;

    static WireProtocol of(HttpMessage request) {
        if (request.header("smithy-protocol").isPresent()) {
            return RPC_V2_CBOR;
        }
        if (request.header("X-Amz-Target").isPresent()) {
            return JSON;
        }
        boolean form = request.header("Content-Type").filter(v -> v.startsWith("application/x-www-form-urlencoded")).isPresent();
        return form && "POST".equals(request.method()) ? QUERY : REST_XML;
    }

    /** The answer AWS gives for {@code fault} ({@link Fault#THROTTLE} or {@link Fault#SERVER_ERROR}). */
    Answer answer(Fault fault, boolean head) {
        boolean throttle = fault == Fault.THROTTLE;
        String requestId = UUID.randomUUID().toString();
        Answer answer = switch (this) {
            case REST_XML -> throttle
                    ? xml(503, "Slow Down", "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
                            + "<RequestId>" + requestId + "</RequestId></Error>")
                    : xml(500, "Internal Server Error", "<Error><Code>InternalError</Code><Message>We encountered an internal"
                            + " error. Please try again.</Message><RequestId>" + requestId + "</RequestId></Error>");
            case QUERY -> throttle
                    ? xml(400, "Bad Request", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                            + "<Message>Rate exceeded</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>")
                    : xml(500, "Internal Server Error", "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
                            + "<Message>An internal error occurred.</Message></Error><RequestId>" + requestId
                            + "</RequestId></ErrorResponse>");
            case JSON -> throttle
                    ? json(400, "Bad Request", "ThrottlingException", "Rate exceeded")
                    : json(500, "Internal Server Error", "InternalFailure", "An internal error occurred.");
            case RPC_V2_CBOR -> new Answer(throttle ? 503 : 500, throttle ? "Service Unavailable" : "Internal Server Error",
                    List.of(), new byte[0]);
        };
        return head ? answer.withoutBody() : answer;
    }

    private static Answer xml(int status, String reason, String body) {
        return new Answer(status, reason, List.of(Map.entry("Content-Type", "text/xml")),
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static Answer json(int status, String reason, String type, String message) {
        return new Answer(status, reason, List.of(Map.entry("Content-Type", "application/x-amz-json-1.1"),
                Map.entry("x-amzn-ErrorType", type)),
                ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A canned HTTP answer. */
    record Answer(int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

        Answer withoutBody() {
            return new Answer(status, reason, headers, new byte[0]);
        }

        List<Map.Entry<String, String>> headersWithLength() {
            List<Map.Entry<String, String>> all = new ArrayList<>(headers);
            all.add(Map.entry("x-amz-request-id", UUID.randomUUID().toString()));
            all.add(Map.entry("Content-Length", Integer.toString(body.length)));
            return all;
        }
    }
}
