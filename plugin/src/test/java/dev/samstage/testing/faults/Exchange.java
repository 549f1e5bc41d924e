package dev.samstage.testing.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request that went through the proxy, as the tests inspect it.
 *
 * @param method         HTTP method
 * @param path           request path without the query
 * @param query          raw query string, empty when none
 * @param protocol       the wire protocol the request was recognised as
 * @param operation      the operation: the query {@code Action}, the JSON target's operation, or empty for S3
 * @param form           the form parameters of a query-protocol request (empty otherwise)
 * @param invocationId   the SDK's {@code amz-sdk-invocation-id}: the same for every attempt of one call
 * @param attempt        the SDK's attempt number from {@code amz-sdk-request}, 0 when absent
 * @param fault          the fault injected, if any
 * @param upstreamStatus the status the local AWS answered, or -1 when the request never reached it
 */
public record Exchange(String method, String path, String query, String protocol, String operation,
                       Map<String, String> form, String invocationId, int attempt, Optional<Fault> fault,
                       int upstreamStatus) {

    public Exchange {
        form = Map.copyOf(form);
    }

    /** Whether the local AWS saw this request. */
    public boolean reachedService() {
        return upstreamStatus >= 0;
    }

    /** Whether this is an S3 PutObject (not a multipart part). */
    public boolean isPutObject() {
        return "PUT".equals(method) && "REST_XML".equals(protocol) && !query.contains("uploadId=")
                && path.indexOf('/', 1) > 0;
    }

    static Exchange of(HttpMessage request, Optional<Fault> fault, int upstreamStatus) {
        String target = request.target();
        int q = target.indexOf('?');
        WireProtocol protocol = WireProtocol.of(request);
        Map<String, String> form = protocol == WireProtocol.QUERY ? form(request.body()) : Map.of();
        String operation = switch (protocol) {
            case QUERY -> form.getOrDefault("Action", "");
            case JSON -> request.header("X-Amz-Target").map(t -> t.substring(t.lastIndexOf('.') + 1)).orElse("");
            default -> "";
        };
        int attempt = request.header("amz-sdk-request")
                .map(v -> v.replaceAll(".*attempt=(\\d+).*", "$1"))
                .filter(v -> v.matches("\\d+")).map(Integer::parseInt).orElse(0);
        return new Exchange(request.method(), decode(q < 0 ? target : target.substring(0, q)), q < 0 ? "" : target.substring(q + 1),
                protocol.name(), operation, form, request.header("amz-sdk-invocation-id").orElse(""), attempt, fault,
                upstreamStatus);
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return form;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
