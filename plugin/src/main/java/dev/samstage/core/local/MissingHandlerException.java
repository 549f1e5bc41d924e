package dev.samstage.core.local;

/** A route's function declares no {@code Handler}, neither itself nor in {@code Globals.Function}. */
public final class MissingHandlerException extends LocalStageException {

    public MissingHandlerException(String message) {
        super(message);
    }
}
