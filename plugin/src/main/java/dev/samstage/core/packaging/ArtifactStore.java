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

    /** Fails with a {@link PackagingException} naming the bucket when it cannot take artifacts. */
    void checkDestination(ArtifactDestination destination);

    /** How a template refers to {@code key}; computed without any call. */
    ArtifactLocation locate(ArtifactDestination destination, String key);

    /** The size of the object already stored under {@code key}, or empty when there is none. */
    OptionalLong existing(ArtifactDestination destination, String key);

    /** Stores {@code file} under {@code key}, reporting progress; returns the bytes sent. */
    long put(ArtifactDestination destination, String key, Path file, StageListener listener);

    /** How many artifacts may be stored at the same time. */
    int parallelism();
}
