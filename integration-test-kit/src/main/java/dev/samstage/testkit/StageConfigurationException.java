package dev.samstage.testkit;

/**
 * The stage under test cannot be reached as configured: no endpoint found, an endpoint that
 * is not an http(s) URL, SigV4 asked for without credentials, a readiness wait that ran out.
 *
 * <p>The message is the whole story (what is wrong, which key or file, its value, what to do
 * next), so the exception carries no stack trace: it is a set-up mistake, not a bug.</p>
 */
public final class StageConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the key or file, the value and the next step; never a secret */
    public StageConfigurationException(String message) {
        super(message, null, false, false);
    }
}
