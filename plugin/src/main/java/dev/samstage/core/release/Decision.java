package dev.samstage.core.release;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded decision about a release in a stage.
 *
 * @param stage    the stage (or {@link StageOrder#BUILD} for the queue the builds feed)
 * @param revision the release decided on
 * @param verdict  approved, rejected or superseded
 * @param who      who decided (a person, or {@code samstage} for supersession)
 * @param why      the reason given
 * @param at       when
 */
public record Decision(String stage, String revision, Verdict verdict, String who, String why, Instant at) {

    public Decision {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(at, "at");
        who = who == null ? "" : who;
        why = why == null ? "" : why;
    }
}
