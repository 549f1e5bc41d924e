package dev.samstage.core.aws;

import dev.samstage.core.StageException;

/** The stage's credentials could not be obtained or act in the wrong account. */
public final class CredentialsException extends StageException {

    public CredentialsException(String message) {
        super(message);
    }

    public CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
