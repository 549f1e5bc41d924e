package dev.samstage.core.local;

import dev.samstage.core.events.StageEvent;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A handler threw, so the client got API Gateway's error ({@code clientGot}, e.g. {@code 502
 * Internal server error}). Unlike other events the message
 * carries the handler's stack trace after its first line, because that trace is what the
 * developer needs in the build log.
 */
public record HandlerFailedEvent(String functionId, String routeKey, String requestId, Throwable error, String clientGot)
        implements StageEvent {

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    /** One line: which function failed, on which route, with what. */
    public String summary() {
        return "Function " + functionId + " threw " + error + " on " + routeKey
            + " (request " + requestId + "); the client got " + clientGot;
    }

    @Override
    public String message() {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return summary() + System.lineSeparator() + trace.toString().stripTrailing();
    }
}
