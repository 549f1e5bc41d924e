package dev.samstage.core.local;

import dev.samstage.core.StageException;

/** The local stage cannot start or serve as the template asks; the message says why and what to do. */
public class LocalStageException extends StageException {

    public LocalStageException(String message) {
        super(message);
    }

    public LocalStageException(String message, Throwable cause) {
        super(message, cause);
    }
}
