package dev.samstage.core.events;

/**
 * Something core reports while it works. Core never logs; the Maven adapter renders events
 * (a live line on an interactive terminal, plain lines under {@code -B} or in CI).
 */
public interface StageEvent {

    /** How loud the rendering should be. */
    enum Severity { DEBUG, INFO, WARN, ERROR }

    Severity severity();

    /** One human-readable line, free of secrets. */
    String message();

    /**
     * Whether the line only reports progress that the next progress event replaces, so a
     * terminal may overwrite it in place. Plain renderers may print or throttle it.
     */
    default boolean progress() {
        return false;
    }

    static StageEvent info(String message) {
        return new Note(Severity.INFO, message);
    }

    static StageEvent warn(String message) {
        return new Note(Severity.WARN, message);
    }

    static StageEvent debug(String message) {
        return new Note(Severity.DEBUG, message);
    }

    static StageEvent error(String message) {
        return new Note(Severity.ERROR, message);
    }

    /** A plain message with no further structure. */
    record Note(Severity severity, String message) implements StageEvent {
    }
}
