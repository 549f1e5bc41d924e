package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * A source file as it was when an archive's content hash was taken: its {@link FileStamp},
 * and its own SHA-256 when the stamp is {@link FileStamp#racy() racy}, so that the archive
 * built later can tell whether it read the same bytes without hashing everything again.
 *
 * @param ownSha256 the hex SHA-256 of the file's bytes, present only for a racy stamp
 */
record HashedFile(FileStamp stamp, Optional<String> ownSha256) {

    HashedFile {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(ownSha256, "ownSha256");
    }
}
