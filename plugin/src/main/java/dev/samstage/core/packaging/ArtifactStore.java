package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Keeps packaged artifacts under content-addressed keys: an S3 bucket for real stages
 * ({@link S3ArtifactStore}), a directory for the local stage ({@link LocalArtifactStore}).
 * Implementations are thread-safe: uploads run in parallel.
 */
public interface ArtifactStore {

    /**
     * Starts any slow set-up for {@code destination} (a remote check of the bucket) while the
     * caller plans its artifacts; failures are reported by {@link #checkDestination}, not here.
     */
    default void prepare(ArtifactDestination destination) {
    }

    /** Fails with a {@link PackagingException} naming the bucket when it cannot take artifacts. */
    void checkDestination(ArtifactDestination destination);

    /** How a template refers to {@code key}; computed without any call. */
    ArtifactLocation locate(ArtifactDestination destination, String key);

    /** The size of the object already stored under {@code key}, or empty when there is none. */
    OptionalLong existing(ArtifactDestination destination, String key);

    /** Stores the complete {@code file} under {@code key}, reporting progress; returns the bytes sent. */
    default long put(ArtifactDestination destination, String key, Path file, StageListener listener) {
        long size = ArtifactFiles.size(file);
        ArtifactUpload upload = upload(destination, key, file, size, listener);
        try {
            upload.written(size, 0, 0);
            return upload.finish(size);
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    /**
     * Starts storing {@code file} under {@code key} while it is still being written; the caller
     * reports its progress to the returned upload and then finishes or aborts it.
     *
     * @param expectedSize an upper bound of the final size (it sizes multipart parts and progress)
     */
    ArtifactUpload upload(ArtifactDestination destination, String key, Path file, long expectedSize,
                          StageListener listener);

    /** How many artifacts may be stored at the same time. */
    int parallelism();
}
