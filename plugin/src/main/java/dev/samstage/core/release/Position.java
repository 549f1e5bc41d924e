package dev.samstage.core.release;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored state of one place in the release flow (a stage, or {@link StageOrder#BUILD}).
 *
 * @param name    the stage name or {@link StageOrder#BUILD}
 * @param holder  the release under evaluation here, or null (never set for the build queue)
 * @param waiting the release that waits here to enter the next stage, or null
 * @param fates   what became of each release decided here
 * @param version optimistic-lock counter; 0 when nothing is stored yet
 */
record Position(String name, Release holder, Release waiting, Map<String, Verdict> fates, long version) {

    Position {
        Objects.requireNonNull(name, "name");
        fates = Map.copyOf(fates == null ? Map.of() : fates);
    }

    static Position empty(String name) {
        return new Position(name, null, null, Map.of(), 0);
    }

    Optional<Release> holderRelease() {
        return Optional.ofNullable(holder);
    }

    Optional<Release> waitingRelease() {
        return Optional.ofNullable(waiting);
    }

    boolean holds(String revision) {
        return holder != null && holder.revision().equals(revision);
    }

    boolean hasWaiting(String revision) {
        return waiting != null && waiting.revision().equals(revision);
    }

    Optional<Verdict> fateOf(String revision) {
        return Optional.ofNullable(fates.get(revision));
    }

    Position withHolder(Release r) {
        return new Position(name, r, waiting, fates, version);
    }

    Position withWaiting(Release r) {
        return new Position(name, holder, r, fates, version);
    }

    Position withFate(String revision, Verdict verdict) {
        Map<String, Verdict> f = new HashMap<>(fates);
        f.put(revision, verdict);
        return new Position(name, holder, waiting, f, version);
    }
}
