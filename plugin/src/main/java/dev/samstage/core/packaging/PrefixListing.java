package dev.samstage.core.packaging;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The keys a listing of the artifact prefix returned, in S3's order (ascending UTF-8 bytes,
 * which for samstage's ASCII keys is {@link String#compareTo}). A listing cut short after its
 * first pages still proves a key absent when the key sorts before the last key listed, since S3
 * lists in order; a key beyond that is unknown and must be looked up on its own.
 *
 * @param keys     the keys listed
 * @param complete whether the listing reached the end of the prefix
 */
record PrefixListing(SortedSet<String> keys, boolean complete) {

    PrefixListing {
        keys = new TreeSet<>(keys);
    }

    static PrefixListing of(Collection<String> keys, boolean complete) {
        return new PrefixListing(new TreeSet<>(keys), complete);
    }

    /** Whether the listing proves that nothing is stored under {@code key}. */
    boolean provesAbsent(String key) {
        if (keys.contains(key)) {
            return false;
        }
        return complete || (!keys.isEmpty() && key.compareTo(keys.last()) < 0);
    }

    /** The keys among {@code wanted} that the listing proves absent. */
    Set<String> absentAmong(Collection<String> wanted) {
        return wanted.stream().filter(this::provesAbsent).collect(Collectors.toUnmodifiableSet());
    }
}
