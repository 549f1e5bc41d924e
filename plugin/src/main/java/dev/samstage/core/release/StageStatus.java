package dev.samstage.core.release;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage as the ledger sees it.
 *
 * @param stage     the stage
 * @param holder    the release under evaluation, or null
 * @param waiting   the release waiting to enter (in the stage before, or from the builds), or null
 * @param promoted  the release approved here that waits to enter the next stage, or null
 * @param decisions the latest decisions about releases in this stage (and, for the first
 *                  stage, in the builds' queue), newest first
 */
public record StageStatus(String stage, Release holder, Release waiting, Release promoted, List<Decision> decisions) {

    public StageStatus {
        Objects.requireNonNull(stage, "stage");
        decisions = List.copyOf(decisions);
    }

    public Optional<Release> holderRelease() {
        return Optional.ofNullable(holder);
    }

    public Optional<Release> waitingRelease() {
        return Optional.ofNullable(waiting);
    }

    public Optional<Release> promotedRelease() {
        return Optional.ofNullable(promoted);
    }
}
