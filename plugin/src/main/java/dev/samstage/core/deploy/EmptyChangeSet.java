package dev.samstage.core.deploy;

/**
 * How CloudFormation says "nothing to change": a change set that ends FAILED with "The
 * submitted information didn't contain changes..." or, from some paths, "No updates are to
 * be performed.".
 */
final class EmptyChangeSet {

    private EmptyChangeSet() {
    }

    static boolean isEmptyReason(String reason) {
        return reason != null && (reason.contains("didn't contain changes") || reason.contains("No updates are to be performed"));
    }
}
