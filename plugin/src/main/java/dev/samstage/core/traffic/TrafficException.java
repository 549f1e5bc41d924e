package dev.samstage.core.traffic;

import dev.samstage.core.StageException;

/** A traffic shifting setting or a watch that cannot go on; the message says what to change. */
public class TrafficException extends StageException {

    public TrafficException(String message) {
        super(message);
    }

    public TrafficException(String message, Throwable cause) {
        super(message, cause);
    }
}
