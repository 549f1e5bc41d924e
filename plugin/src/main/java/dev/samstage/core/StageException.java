package dev.samstage.core;

/**
 * A failure a user can act on. The message is one line that names the file, element or
 * property, the offending value and the next step; it never carries a secret.
 * Subclasses say which part of a stage run failed.
 */
public class StageException extends RuntimeException {

    public StageException(String message) {
        super(message);
    }

    public StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
