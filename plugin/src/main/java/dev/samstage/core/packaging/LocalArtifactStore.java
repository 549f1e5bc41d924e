package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * Artifacts in a local directory, for the {@code local} stage: the same packaging flow with no
 * AWS. Keys become files below the directory and templates refer to them by file URI; the
 * bucket name and KMS key of the destination are not used.
 */
public final class LocalArtifactStore implements ArtifactStore {

    private final Path root;

    /** A store writing below {@code root} (typically {@code target/samstage/local/artifacts}). */
    public LocalArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void checkDestination(ArtifactDestination destination) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new PackagingException("The local artifact directory " + root + " cannot be created ("
                    + e.getMessage() + "); check the permissions of the build directory.", e);
        }
    }

    @Override
    public ArtifactLocation locate(ArtifactDestination destination, String key) {
        String uri = root.resolve(key).toUri().toString();
        return new ArtifactLocation(root.toUri().toString(), key, uri, uri);
    }

    @Override
    public OptionalLong existing(ArtifactDestination destination, String key) {
        Path file = root.resolve(key);
        try {
            return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public ArtifactUpload upload(ArtifactDestination destination, String key, Path file, long expectedSize,
                                 StageListener listener) {
        // a local copy is quick: nothing to overlap with the writing, so it happens once the file is whole
        return new ArtifactUpload() {
            @Override
            public void written(long end, long heldFrom, long heldTo) {
            }

            @Override
            public long finish(long size) {
                return store(key, file, listener);
            }

            @Override
            public void abort() {
            }
        };
    }

    private long store(String key, Path file, StageListener listener) {
        Path target = root.resolve(key);
        try {
            Files.createDirectories(target.getParent());
            // copy then rename, so a half-written file never sits under a content hash
            Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long size = Files.size(target);
            listener.on(new UploadProgress(target.toUri().toString(), size, size));
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file + " as " + target, e);
        }
    }

    @Override
    public int parallelism() {
        return 2;
    }

    @Override
    public String toString() {
        return "LocalArtifactStore[" + root + "]";
    }
}
