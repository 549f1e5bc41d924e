package dev.samstage.core.deploy;

/**
 * A stack operation ended in a failure state (rolled back or failed). The message names the
 * stack, region, final status and the root cause: the first resource that failed and why.
 */
public final class StackFailedException extends DeployException {

    private final String finalStatus;

    public StackFailedException(String message, String finalStatus) {
        super(message);
        this.finalStatus = finalStatus;
    }

    /** The stack status the operation ended in, such as {@code UPDATE_ROLLBACK_COMPLETE}. */
    public String finalStatus() {
        return finalStatus;
    }
}
