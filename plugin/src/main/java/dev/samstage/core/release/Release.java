package dev.samstage.core.release;

import java.time.Instant;
import java.util.Objects;

/**
 * A source revision at a place in the release flow, and since when it is there.
 *
 * @param revision the source revision (commit id, else the project version)
 * @param since    when it entered or started waiting
 */
public record Release(String revision, Instant since) {

    public Release {
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("revision must not be blank");
        }
        Objects.requireNonNull(since, "since");
    }

    /** The first 12 characters of a commit id, the revision itself otherwise. */
    public String shortRevision() {
        return revision.matches("[0-9a-f]{40}") ? revision.substring(0, 12) : revision;
    }
}
