package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the file system says of a source file: size, modification and status-change times
 * and identity (device and inode on Unix). A write to the file changes its modification and
 * status-change times; replacing it (a build writing a new file and renaming it over the old
 * one) changes its identity; a tool that puts an old modification time back still changes the
 * status-change time, which no user call can set. So an unchanged stamp means unchanged bytes,
 * as git's index and rsync assume, with one exception handled by {@link #racy}: file times
 * come from a clock that advances in ticks of a few milliseconds, so a file written in the
 * tick its stamp was taken could be written again in that tick without its times moving.
 *
 * @param changed the status-change time (ctime), or null where the file system has no Unix view
 * @param identity the file key (device and inode on Unix), or null where there is none
 */
record FileStamp(long size, FileTime modified, FileTime changed, Object identity, Instant takenAt) {

    /** Files modified this close to when their stamp was taken are also compared by content. */
    static final Duration RACY_WINDOW = Duration.ofSeconds(2);

    FileStamp {
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** The file's stamp, now. */
    static FileStamp of(Path file) {
        Instant now = Instant.now();
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,fileKey");
            return new FileStamp((Long) unix.get("size"), (FileTime) unix.get("lastModifiedTime"),
                    (FileTime) unix.get("ctime"), unix.get("fileKey"), now);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            try {
                BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(basic.size(), basic.lastModifiedTime(), null, basic.fileKey(), now);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the attributes of " + file, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file, e);
        }
    }

    /**
     * Whether the file was modified, or its status changed, so shortly before this stamp was
     * taken that a further write in the same clock tick could leave its times as they are. A
     * write sets both times to the current tick; a tool that then puts an old modification time
     * back leaves only the status-change time as the witness, so a recent one counts too.
     */
    boolean racy() {
        Instant window = takenAt.minus(RACY_WINDOW);
        return !modified.toInstant().isBefore(window) || (changed != null && !changed.toInstant().isBefore(window));
    }

    /** Whether {@code later} describes the same file with the same bytes (the time each stamp was taken aside). */
    boolean sameFileAs(FileStamp later) {
        return size == later.size && modified.equals(later.modified) && Objects.equals(changed, later.changed)
                && Objects.equals(identity, later.identity);
    }
}
