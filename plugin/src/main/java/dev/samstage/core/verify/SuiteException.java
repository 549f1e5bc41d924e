package dev.samstage.core.verify;

import dev.samstage.core.StageException;

/** A suite could not run, or ran nothing; the message says why and what to do. */
public class SuiteException extends StageException {

    public SuiteException(String message) {
        super(message);
    }

    public SuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
