package dev.samstage.core.packaging;

/**
 * Told how far a file being written is final, so a reader can start on it before the writer is
 * done: bytes {@code [0, end)} are on disk and will not change again, except the range
 * {@code [heldFrom, heldTo)} (a zip header still to be completed), which is empty when
 * {@code heldFrom == heldTo}.
 */
@FunctionalInterface
public interface WrittenBytes {

    /** Nobody is listening: the file is used once it is complete. */
    WrittenBytes NONE = (end, heldFrom, heldTo) -> { };

    void written(long end, long heldFrom, long heldTo);
}
