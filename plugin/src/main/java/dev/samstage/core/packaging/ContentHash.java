package dev.samstage.core.packaging;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * An archive's content hash (see {@link ContentDigest}) with what each of its source files
 * looked like when it was read, so the archive can be built later from the same bytes.
 *
 * @param files every file entry's source, by path
 */
record ContentHash(String sha256, Map<Path, HashedFile> files) {

    ContentHash {
        Objects.requireNonNull(sha256, "sha256");
        files = Map.copyOf(files);
    }
}
