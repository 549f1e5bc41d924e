package dev.samstage.core.packaging;

/**
 * One object being stored while its file is still being written: the writer reports the final
 * bytes as they land ({@link #written}), a store may send them on at once (S3 multipart parts),
 * and {@link #finish} completes the object once the file is whole. Used by one thread.
 */
public interface ArtifactUpload extends WrittenBytes {

    /** The file is complete with {@code size} bytes: stores what is left and returns the bytes stored. */
    long finish(long size);

    /** Gives up: waits for anything in flight and discards what was stored so far. Never throws. */
    void abort();
}
