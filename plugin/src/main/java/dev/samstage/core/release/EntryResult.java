package dev.samstage.core.release;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened when a build asked to bring a release into a stage.
 *
 * @param outcome  entered, waiting or refused
 * @param stage    the stage asked for
 * @param revision the release that asked
 * @param holder   the release under evaluation in the stage at the time, or null
 * @param reason   one line saying why, for the build log
 */
public record EntryResult(Outcome outcome, String stage, String revision, String holder, String reason) {

    /** The three answers {@link ReleaseLedger#enter} gives. */
    public enum Outcome {
        /** The release now holds the stage: deploy it. */
        ENTERED,
        /** The stage holds another release under evaluation; this one waits before the stage. */
        WAITING,
        /** The release may not enter this stage (not approved before it, rejected, superseded). */
        REFUSED
    }

    public EntryResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(reason, "reason");
    }

    public Optional<String> holderRevision() {
        return Optional.ofNullable(holder);
    }

    public boolean entered() {
        return outcome == Outcome.ENTERED;
    }
}
