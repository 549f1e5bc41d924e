package dev.samstage.core.local;

/** Two events declare the same method and path, so one of them could never be reached. */
public final class DuplicateRouteException extends LocalStageException {

    public DuplicateRouteException(String message) {
        super(message);
    }
}
