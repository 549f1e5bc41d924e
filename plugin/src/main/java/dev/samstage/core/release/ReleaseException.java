package dev.samstage.core.release;

import dev.samstage.core.StageException;

/** A release transition was refused (nothing to approve, wrong revision, already decided...); the ledger is unchanged. */
public final class ReleaseException extends StageException {

    public ReleaseException(String message) {
        super(message);
    }

    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
