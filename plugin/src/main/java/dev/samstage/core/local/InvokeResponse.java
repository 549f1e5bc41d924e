package dev.samstage.core.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local Lambda Invoke API answers, in the shapes Lambda's Invoke answers
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): the function's result with
 * 200; a function error with 200, {@code X-Amz-Function-Error: Unhandled} and the runtime's error
 * JSON ({@code errorMessage}, {@code errorType}, {@code stackTrace}); a request error with its
 * status, {@code x-amzn-ErrorType} naming the exception and {@code {"Type":"User","message":...}}.
 */
record InvokeResponse(int status, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    InvokeResponse {
        headers = Map.copyOf(headers);
    }

    static InvokeResponse result(byte[] payload, String logTail) {
        return new InvokeResponse(200, withLog(Map.of("Content-Type", "application/json"), logTail), payload);
    }

    /** A handler that threw: Lambda's Java runtime reports the throwable, its stack and its cause. */
    static InvokeResponse handlerFailed(Throwable error, String logTail) {
        return functionError(describe(error, true), logTail);
    }

    /** The function's code cannot be loaded (Lambda: the runtime fails at init, a function error). */
    static InvokeResponse codeNotLoaded(String reason) {
        ObjectNode error = JSON.createObjectNode()
            .put("errorType", "java.lang.ClassNotFoundException")
            .put("errorMessage", reason);
        return functionError(error, null);
    }

    /** The function ran past its Timeout; Lambda ends it and reports {@code Sandbox.Timedout}. */
    static InvokeResponse timedOut(String requestId, int timeoutSeconds, String logTail) {
        ObjectNode error = JSON.createObjectNode()
            .put("errorType", "Sandbox.Timedout")
            .put("errorMessage", "RequestId: " + requestId + " Error: Task timed out after " + timeoutSeconds + ".00 seconds");
        return functionError(error, logTail);
    }

    /** A result over the 6 MB response limit fails the invocation (not the request). */
    static InvokeResponse responseTooLarge(String logTail) {
        ObjectNode error = JSON.createObjectNode()
            .put("errorType", "Function.ResponseSizeTooLarge")
            .put("errorMessage", "Response payload size exceeded maximum allowed payload size ("
                + PayloadLimits.LAMBDA_RESPONSE_BYTES + " bytes).");
        return functionError(error, logTail);
    }

    static InvokeResponse accepted() {
        return new InvokeResponse(202, Map.of(), new byte[0]);
    }

    static InvokeResponse dryRun() {
        return new InvokeResponse(204, Map.of(), new byte[0]);
    }

    static InvokeResponse notFound(String functionArn) {
        return requestError(404, "ResourceNotFoundException", "Function not found: " + functionArn);
    }

    static InvokeResponse requestTooLarge() {
        return requestError(413, "RequestTooLargeException", "Request must be smaller than "
            + PayloadLimits.LAMBDA_REQUEST_BYTES + " bytes for the InvokeFunction operation");
    }

    static InvokeResponse invalidContent(String problem) {
        return requestError(400, "InvalidRequestContentException", "Could not parse request body into json: " + problem);
    }

    static InvokeResponse invalidParameter(String message) {
        return requestError(400, "InvalidParameterValueException", message);
    }

    /** Lambda's own failure ({@code ServiceException}), here: the local stage is stopping. */
    static InvokeResponse serviceError(String message) {
        return requestError(500, "ServiceException", message);
    }

    static InvokeResponse unsupportedMethod(String method) {
        return requestError(405, "MethodNotAllowedException", "The Invoke API takes POST, not " + method);
    }

    private static InvokeResponse functionError(ObjectNode error, String logTail) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Function-Error", "Unhandled");
        return new InvokeResponse(200, withLog(headers, logTail), bytes(error));
    }

    private static InvokeResponse requestError(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("Type", "User").put("message", message);
        return new InvokeResponse(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type), bytes(body));
    }

    private static Map<String, String> withLog(Map<String, String> headers, String logTail) {
        if (logTail == null) {
            return headers;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-Amz-Log-Result", logTail);
        return all;
    }

    private static ObjectNode describe(Throwable error, boolean withCause) {
        ObjectNode node = JSON.createObjectNode()
            .put("errorMessage", error.getMessage())
            .put("errorType", error.getClass().getName());
        ArrayNode stack = node.putArray("stackTrace");
        for (StackTraceElement frame : error.getStackTrace()) {
            // as the Lambda Java runtime prints a frame: without the class loader's name
            stack.add(frame.getClassName() + "." + frame.getMethodName() + "(" + (frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName()) + ")");
        }
        if (withCause && error.getCause() != null && error.getCause() != error) {
            node.set("cause", describe(error.getCause(), false));
        }
        return node;
    }

    private static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The header names and status only: a payload may hold anything. */
    @Override
    public String toString() {
        return "InvokeResponse[" + status + ", " + headers.keySet() + ", " + body.length + " bytes]";
    }

}
