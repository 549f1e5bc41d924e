package dev.samstage.core.local;

import dev.samstage.core.events.StageEvent;

/**
 * One request the local stage served, as {@code sam local start-api} prints it.
 *
 * @param functionId the function that served it, or null when no route matched
 */
public record LocalRequestEvent(String method, String path, String functionId, int status, long millis)
        implements StageEvent {

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String message() {
        return method + " " + path + " -> " + (functionId == null ? "no route" : functionId)
            + " " + status + " (" + millis + " ms)";
    }
}
