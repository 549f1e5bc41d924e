package dev.samstage.core.local;

/** A function's {@code Handler} names a class that is not on the function's class path. */
public final class HandlerNotFoundException extends LocalStageException {

    public HandlerNotFoundException(String message) {
        super(message);
    }
}
