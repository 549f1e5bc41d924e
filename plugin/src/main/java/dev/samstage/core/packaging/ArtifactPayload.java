package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes behind one artifact, named by their content hash before anything is built, so an
 * existing object is found without zipping anything again.
 */
sealed interface ArtifactPayload {

    /** The hex SHA-256 naming the artifact. */
    String sha256();

    /** The file extension of the stored object. */
    String extension();

    /** The file that holds (or will hold) the artifact's bytes: under {@code workDir} unless it exists already. */
    Path file(Path workDir);

    /** An upper bound of the artifact's size, known before it is built. */
    long maxSize();

    /** Whether an object of {@code size} bytes can hold this artifact (checked before one is reused). */
    boolean possibleSize(long size);

    /**
     * Writes the artifact's bytes to {@link #file(Path) its file} if it is not there already,
     * telling {@code written} how far the file is final as it grows; returns its size.
     */
    long materialize(Path workDir, WrittenBytes written);

    /** The object name: {@code <sha256>.<extension>}. */
    default String objectName() {
        return extension().isEmpty() ? sha256() : sha256() + "." + extension();
    }

    /**
     * A directory (or a Java build) zipped deterministically.
     *
     * @param hashed what each source file was when {@code sha256} was taken, checked again as the zip is written
     */
    record Archive(ArchiveContent content, String sha256, Map<Path, HashedFile> hashed) implements ArtifactPayload {
        static Archive of(ArchiveContent content) {
            ContentHash hash = content.hash();
            return new Archive(content, hash.sha256(), hash.files());
        }

        @Override
        public String extension() {
            return "zip";
        }

        @Override
        public Path file(Path workDir) {
            return workDir.resolve(objectName());
        }

        @Override
        public long maxSize() {
            return DeterministicZip.maxSize(content);
        }

        @Override
        public boolean possibleSize(long size) {
            // the zip's exact size is known only once it is written; reusing is about not writing it
            return size > 0 && size <= maxSize();
        }

        @Override
        public long materialize(Path workDir, WrittenBytes progress) {
            return DeterministicZip.write(content, file(workDir), progress, hashed).bytes();
        }
    }

    /**
     * A file uploaded as is, keeping its own extension. A jar or zip is named by its
     * {@link NormalizedArchiveDigest normalized content}, so a rebuild that only changes its
     * timestamps reuses the stored object; any other file by its bytes.
     *
     * @param normalized whether {@code sha256} is the normalized hash of a jar or zip's entries
     */
    record AsIs(Path file, String sha256, boolean normalized) implements ArtifactPayload {
        static AsIs of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jar") || name.endsWith(".zip")) {
                Optional<String> entries = NormalizedArchiveDigest.of(file);
                if (entries.isPresent()) {
                    return new AsIs(file, entries.get(), true);
                }
            }
            return new AsIs(file, ArtifactFiles.sha256(file), false);
        }

        @Override
        public String extension() {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        }

        @Override
        public Path file(Path workDir) {
            return file;
        }

        @Override
        public long maxSize() {
            return ArtifactFiles.size(file);
        }

        @Override
        public boolean possibleSize(long size) {
            // a rebuilt jar with other timestamps may differ in size from the one stored, not in entries
            return normalized ? size > 0 : size == maxSize();
        }

        @Override
        public long materialize(Path workDir, WrittenBytes written) {
            long size = ArtifactFiles.size(file);
            written.written(size, 0, 0);
            return size;
        }
    }

    /** A packaged template's text. */
    record TemplateText(String text, String sha256) implements ArtifactPayload {
        static TemplateText of(String text) {
            var digest = ContentDigest.sha256();
            return new TemplateText(text, java.util.HexFormat.of().formatHex(
                    digest.digest(text.getBytes(StandardCharsets.UTF_8))));
        }

        @Override
        public String extension() {
            return "template";
        }

        @Override
        public Path file(Path workDir) {
            return workDir.resolve(objectName());
        }

        @Override
        public long maxSize() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public boolean possibleSize(long size) {
            return size == maxSize();
        }

        @Override
        public long materialize(Path workDir, WrittenBytes written) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                Files.write(file(workDir), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file(workDir), e);
            }
            written.written(bytes.length, 0, 0);
            return bytes.length;
        }
    }
}
