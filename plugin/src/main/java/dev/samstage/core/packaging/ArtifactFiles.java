package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File sizes as unchecked failures, for the stores and payloads that cannot throw {@link IOException}. */
final class ArtifactFiles {

    private ArtifactFiles() {
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
