package dev.samstage.core.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as it reached the emulated API Gateway, before it becomes a Lambda event.
 *
 * @param method     upper-case HTTP method
 * @param rawPath    the path as sent, still percent-encoded
 * @param rawQuery   the query string as sent without {@code ?}, or empty
 * @param headers    header names (as the HTTP server reports them) to their values in order
 * @param body       the body bytes, empty when there is none
 * @param sourceIp   the client's address
 * @param protocol   e.g. {@code HTTP/1.1}
 */
record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                      byte[] body, String sourceIp, String protocol) {

    GatewayRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = copy;
    }

    /** The first value of a header, case-insensitively, or null. */
    String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The decoded query parameters, every value of each in order; null when there are none. */
    Map<String, List<String>> queryParameters() {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out.isEmpty() ? null : out;
    }

    /** The path with percent-escapes decoded, as API Gateway reports {@code path}. */
    String decodedPath() {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * A header name in the canonical {@code Content-Type} form. The JDK HTTP server keeps
     * only {@code Content-type}; REST APIs pass the client's spelling, and clients send the
     * canonical form, so handlers that look up {@code "Content-Type"} keep working.
     */
    static String canonicalName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    static String lowerName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
