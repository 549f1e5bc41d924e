package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps packaged artifacts under content-addressed keys: an S3 bucket for real stages
 * ({@link S3ArtifactStore}), a directory for the local stage ({@link LocalArtifactStore}).
 * Every object is written with its content hash as metadata ({@link ArtifactMetadata}), so a
 * later build can tell an object it may reuse from one it must write again.
 * Implementations are thread-safe: uploads run in parallel.
 */
public interface ArtifactStore {

    /**
     * Starts any slow set-up for {@code destination} (a remote check of the bucket) while the
     * caller plans its artifacts; failures are reported by {@link #checkDestination}, not here.
     */
    default void prepare(ArtifactDestination destination) {
    }

    /**
     * Fails with a {@link PackagingException} naming the bucket or key when the destination cannot
     * take artifacts (a missing bucket, a bucket or KMS key in another region, a disabled key).
     */
    void checkDestination(ArtifactDestination destination);

    /** How a template refers to {@code key}; computed without any call. */
    ArtifactLocation locate(ArtifactDestination destination, String key);

    /**
     * The keys among {@code keys} that are certainly not stored yet, found with fewer calls than
     * one {@link #existing} each; a key not returned may or may not exist and is looked up on its
     * own. Stores without a cheaper way return none.
     */
    default Set<String> absentAmong(ArtifactDestination destination, Collection<String> keys) {
        return Set.of();
    }

    /** What is stored under {@code key}, or empty when there is nothing. */
    Optional<StoredObject> existing(ArtifactDestination destination, String key);

    /** The encryption objects written to {@code destination} get (checking the destination first if need be). */
    ObjectEncryption encryptionFor(ArtifactDestination destination);

    /**
     * Rewrites the object of {@code size} bytes under {@code key} in place with
     * {@link #encryptionFor the destination's encryption}; returns false, doing nothing, when
     * the store cannot copy an object that large in place (it is then uploaded again).
     */
    boolean reencrypt(ArtifactDestination destination, String key, long size);

    /** Stores the complete {@code file} under {@code key}, reporting progress; returns the bytes sent. */
    default long put(ArtifactDestination destination, String key, Path file, StageListener listener) {
        long size = ArtifactFiles.size(file);
        ArtifactUpload upload = upload(destination, key, ArtifactFiles.sha256(file), file, size, listener);
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
     * @param contentSha256 the artifact's content hash, recorded with the object
     * @param expectedSize  an upper bound of the final size (it sizes multipart parts and progress)
     */
    ArtifactUpload upload(ArtifactDestination destination, String key, String contentSha256, Path file,
                          long expectedSize, StageListener listener);

    /**
     * Aborts the incomplete uploads that earlier builds abandoned under the destination's prefix;
     * returns their keys. Stores without such uploads have nothing to do.
     */
    default List<String> abortAbandonedUploads(ArtifactDestination destination) {
        return List.of();
    }

    /** How many artifacts may be stored at the same time. */
    int parallelism();
}
