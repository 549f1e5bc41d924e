package dev.samstage.core.packaging;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of an archive to build: its name inside the archive ({@code /}-separated, no
 * leading slash, directories end with {@code /}) and the local file it comes from.
 *
 * @param name       entry name in the archive
 * @param source     the file read for the entry's bytes (the directory itself for directories)
 * @param executable whether the entry gets mode 0755 instead of 0644 (always true for directories)
 */
public record ArchiveEntry(String name, Path source, boolean executable) {

    public ArchiveEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("//")) {
            throw new IllegalArgumentException("name must be a relative '/'-separated archive path: " + name);
        }
        if (name.endsWith("/")) {
            executable = true;
        }
    }

    public boolean directory() {
        return name.endsWith("/");
    }

    /** Unix mode stored in the archive: fixed, so archives do not depend on the umask of a checkout. */
    public int unixMode() {
        int type = directory() ? 0040000 : 0100000;
        return type | (executable ? 0755 : 0644);
    }
}
