package dev.samstage.testing.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 message read off a socket: start line, headers in order, and the whole body
 * (de-chunked). Enough HTTP for a test proxy between the SDK's Apache client and moto.
 */
record HttpMessage(String startLine, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final int MAX_LINE = 64 * 1024;

    /**
     * Reads a request, answering {@code Expect: 100-continue} so the client sends its body.
     * Returns empty when the client closed the connection between requests.
     */
    static Optional<HttpMessage> readRequest(InputStream in, OutputStream out) throws IOException {
        String start = readLine(in);
        if (start == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> headers = readHeaders(in);
        HttpMessage head = new HttpMessage(start, headers, new byte[0]);
        if (head.header("Expect").filter(v -> v.equalsIgnoreCase("100-continue")).isPresent()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return Optional.of(new HttpMessage(start, headers, readBody(in, head, true)));
    }

    /** Reads a response to a request made with {@code method}, skipping interim 1xx answers. */
    static HttpMessage readResponse(InputStream in, String method) throws IOException {
        while (true) {
            String start = readLine(in);
            if (start == null) {
                throw new EOFException("upstream closed the connection without an answer");
            }
            List<Map.Entry<String, String>> headers = readHeaders(in);
            HttpMessage head = new HttpMessage(start, headers, new byte[0]);
            int status = head.status();
            if (status >= 100 && status < 200) {
                continue;
            }
            boolean bodiless = "HEAD".equals(method) || status == 204 || status == 304;
            return new HttpMessage(start, headers, bodiless ? new byte[0] : readBody(in, head, false));
        }
    }

    String method() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** Request target, e.g. {@code /bucket/key?uploads}. */
    String target() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 1 ? parts[1] : "/";
    }

    int status() {
        String[] parts = startLine.split(" ", 3);
        return Integer.parseInt(parts[1]);
    }

    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Writes the message with {@code headers} replaced by {@code replaced} (all framing is re-done by the caller). */
    static void write(OutputStream out, String startLine, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The headers without hop-by-hop and framing ones, which the proxy sets itself. */
    List<Map.Entry<String, String>> endToEndHeaders() {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!List.of("connection", "keep-alive", "transfer-encoding", "content-length", "expect",
                    "proxy-connection").contains(name)) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static List<Map.Entry<String, String>> readHeaders(InputStream in) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        return headers;
    }

    private static byte[] readBody(InputStream in, HttpMessage head, boolean request) throws IOException {
        if (head.header("Transfer-Encoding").filter(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).isPresent()) {
            return readChunked(in);
        }
        Optional<String> length = head.header("Content-Length");
        if (length.isPresent()) {
            return in.readNBytes(Integer.parseInt(length.get()));
        }
        return request ? new byte[0] : in.readAllBytes();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                readHeaders(in); // trailers
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    /** A CRLF-terminated line in ISO-8859-1, or null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
