package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Artifacts in a local directory, for the {@code local} stage: the same packaging flow with no
 * AWS. Keys become files below the directory and templates refer to them by file URI; the
 * bucket name and KMS key of the destination are not used.
 */
public final class LocalArtifactStore implements ArtifactStore {

    private static final ObjectEncryption NOT_ENCRYPTED = new ObjectEncryption("none", Optional.empty());

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
    public Optional<StoredObject> existing(ArtifactDestination destination, String key) {
        Path file = root.resolve(key);
        Path record = contentRecord(file);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Optional<String> content = Files.isRegularFile(record)
                    ? Optional.of(Files.readString(record, StandardCharsets.US_ASCII).strip()) : Optional.empty();
            return Optional.of(new StoredObject(Files.size(file), content, NOT_ENCRYPTED));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public ObjectEncryption encryptionFor(ArtifactDestination destination) {
        return NOT_ENCRYPTED;
    }

    @Override
    public boolean reencrypt(ArtifactDestination destination, String key, long size) {
        throw new UnsupportedOperationException("local artifacts are not encrypted: " + key);
    }

    @Override
    public ArtifactUpload upload(ArtifactDestination destination, String key, String contentSha256, Path file,
                                 long expectedSize, StageListener listener) {
        // a local copy is quick: nothing to overlap with the writing, so it happens once the file is whole
        return new ArtifactUpload() {
            @Override
            public void written(long end, long heldFrom, long heldTo) {
            }

            @Override
            public long finish(long size) {
                return store(key, contentSha256, file, listener);
            }

            @Override
            public void abort() {
            }
        };
    }

    private long store(String key, String contentSha256, Path file, StageListener listener) {
        Path target = root.resolve(key);
        try {
            Files.createDirectories(target.getParent());
            // the content record first: an object without one is never reused
            Path record = Files.createTempFile(target.getParent(), ".partial-", "");
            Files.writeString(record, contentSha256, StandardCharsets.US_ASCII);
            Files.move(record, contentRecord(target), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

    /** Where the local store keeps what S3 keeps as the object's {@link ArtifactMetadata} (no xattrs everywhere). */
    private static Path contentRecord(Path object) {
        return object.resolveSibling(object.getFileName() + "." + ArtifactMetadata.CONTENT_SHA256);
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
