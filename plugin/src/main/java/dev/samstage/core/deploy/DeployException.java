package dev.samstage.core.deploy;

import dev.samstage.core.StageException;

/** A deployment could not be carried out; the message says what and what to do next. */
public class DeployException extends StageException {

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
