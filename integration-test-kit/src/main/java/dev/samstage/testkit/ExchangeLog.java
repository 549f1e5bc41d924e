package dev.samstage.testkit;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records one test's HTTP exchanges, secrets masked, so that they can be printed if the test
 * fails. Runs last among the filters: it sees the request as sent, signature included.
 */
final class ExchangeLog implements OrderedFilter {

    private static final int MAX_BODY = 4096;

    private final SecretMask mask;
    private final List<String> exchanges = new ArrayList<>();

    ExchangeLog(SecretMask mask) {
        this.mask = mask;
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        StringBuilder out = new StringBuilder();
        out.append("--> ").append(request.getMethod()).append(' ').append(mask.text(request.getURI())).append('\n');
        for (Header header : request.getHeaders()) {
            out.append("    ").append(header.getName()).append(": ").append(mask.header(header.getName(), header.getValue())).append('\n');
        }
        if (!request.getCookies().asList().isEmpty()) {
            out.append("    Cookie: ").append(SecretMask.MASK).append('\n');
        }
        for (Map.Entry<String, String> form : request.getFormParams().entrySet()) {
            out.append("    form ").append(form.getKey()).append('=').append(mask.text(form.getValue())).append('\n');
        }
        appendBody(out, requestBody(request.getBody()));
        long start = System.nanoTime();
        try {
            Response answer = ctx.next(request, response);
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.append("<-- ").append(answer.getStatusLine() == null ? answer.getStatusCode() : answer.getStatusLine().trim())
                    .append(" (").append(millis).append(" ms)\n");
            for (Header header : answer.getHeaders()) {
                out.append("    ").append(header.getName()).append(": ").append(mask.header(header.getName(), header.getValue())).append('\n');
            }
            appendBody(out, answer.asString());
            record(out);
            return answer;
        } catch (RuntimeException e) {
            out.append("<-- no response: ").append(mask.text(String.valueOf(e.getMessage()))).append('\n');
            record(out);
            throw e;
        }
    }

    private synchronized void record(StringBuilder exchange) {
        exchanges.add(exchange.toString());
    }

    synchronized boolean isEmpty() {
        return exchanges.isEmpty();
    }

    /** Every exchange of the test, oldest first, secrets masked. */
    synchronized String render() {
        return String.join("", exchanges);
    }

    private void appendBody(StringBuilder out, String body) {
        if (body == null || body.isEmpty()) {
            return;
        }
        String shown = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "... (" + body.length() + " chars)" : body;
        out.append("    ").append(mask.text(shown).replace("\n", "\n    ")).append('\n');
    }

    private static String requestBody(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body instanceof String text ? text : "<" + body.getClass().getSimpleName() + " body>";
    }
}
