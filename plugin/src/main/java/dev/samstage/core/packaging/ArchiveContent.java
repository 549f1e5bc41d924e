package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What goes into one archive, sorted by entry name. Its {@link #sha256() content hash} covers
 * entry names, modes and file bytes only, never timestamps or zip metadata, so the same sources
 * give the same hash in any checkout on any machine.
 */
public final class ArchiveContent {

    private static final int BUFFER = 64 * 1024;

    private final List<ArchiveEntry> entries;

    private ArchiveContent(List<ArchiveEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Entries in archive order (sorted by name, directories before their contents). */
    public List<ArchiveEntry> entries() {
        return entries;
    }

    /** Every file and directory below {@code root}, named relative to it; symbolic links are followed. */
    public static ArchiveContent ofDirectory(Path root) {
        Builder builder = new Builder();
        builder.addTree("", root);
        return builder.build();
    }

    /** One file as the only entry, named by its file name. */
    public static ArchiveContent ofFile(Path file) {
        Builder builder = new Builder();
        builder.addFile(file.getFileName().toString(), file);
        return builder.build();
    }

    /**
     * The layout AWS Lambda expects for Java code: the compiled classes and resources at the
     * root, every runtime dependency jar under {@code lib/}.
     */
    public static ArchiveContent ofJavaLayout(Path classesDir, List<Path> runtimeJars) {
        Builder builder = new Builder();
        builder.addTree("", classesDir);
        for (Path jar : runtimeJars) {
            builder.addFile("lib/" + jar.getFileName(), jar);
        }
        return builder.build();
    }

    /**
     * The content hash: see {@link ContentDigest} for what it covers. Files are streamed,
     * never held in memory.
     */
    public String sha256() {
        return hash().sha256();
    }

    /**
     * The content hash with each source file's {@link FileStamp stamp}, taken before the file is
     * read, so that {@link DeterministicZip} can check it builds the archive from the bytes
     * hashed here without hashing them again; a file modified within the last moments also
     * gets its own hash (see {@link FileStamp#racy()}).
     */
    ContentHash hash() {
        ContentDigest digest = new ContentDigest();
        Map<Path, HashedFile> files = new HashMap<>();
        byte[] buffer = new byte[BUFFER];
        for (ArchiveEntry entry : entries) {
            if (entry.directory()) {
                digest.directory(entry);
                continue;
            }
            FileStamp stamp = FileStamp.of(entry.source());
            MessageDigest own = stamp.racy() ? ContentDigest.sha256() : null;
            try {
                digest.file(entry, stamp.size());
                try (InputStream in = Files.newInputStream(entry.source())) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        digest.update(buffer, 0, n);
                        if (own != null) {
                            own.update(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.source(), e);
            }
            files.put(entry.source(), new HashedFile(stamp,
                    Optional.ofNullable(own).map(d -> HexFormat.of().formatHex(d.digest()))));
        }
        return new ContentHash(digest.hex(), files);
    }

    /**
     * Hashes 16 MiB of zeros and throws the result away, so the JVM compiles SHA-256's fast path
     * (the CPU's SHA instructions) before an artifact is hashed: in a fresh JVM the first
     * 100 MB otherwise run partly in slower, not yet compiled code. For a spare thread while
     * the build does something else; it costs about 20 ms of CPU.
     */
    public static void warmUpHashing() {
        ContentDigest digest = new ContentDigest();
        byte[] zeros = new byte[BUFFER];
        for (int i = 0; i < 256; i++) {
            digest.update(zeros, 0, zeros.length);
        }
        digest.hex();
    }

    /** Whether the file has an execute bit; false where the file system has no POSIX modes. */
    static boolean executable(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            return view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mode of " + file, e);
        }
    }

    private static final class Builder {
        private final Map<String, ArchiveEntry> byName = new TreeMap<>();

        void addTree(String prefix, Path root) {
            try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    if (path.equals(root)) {
                        continue;
                    }
                    String name = prefix + relativeName(root, path);
                    if (Files.isDirectory(path)) {
                        addDirectories(name + "/", path);
                    } else {
                        addFile(name, path);
                    }
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof FileSystemLoopException loop) {
                    throw new PackagingException("The directory " + root + " contains a symbolic link loop at "
                            + loop.getFile() + "; remove the link or point the property at a directory without it.");
                }
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }

        void addFile(String name, Path file) {
            addParents(name, file);
            ArchiveEntry entry = new ArchiveEntry(name, file, executable(file));
            ArchiveEntry previous = byName.putIfAbsent(name, entry);
            if (previous != null && !previous.source().equals(file)) {
                throw new PackagingException("Two files map to the archive entry '" + name + "': "
                        + previous.source() + " and " + file + "; rename one of them.");
            }
        }

        private void addDirectories(String name, Path dir) {
            addParents(name.substring(0, name.length() - 1), dir);
            byName.putIfAbsent(name, new ArchiveEntry(name, dir, true));
        }

        private void addParents(String name, Path source) {
            int slash = name.lastIndexOf('/');
            if (slash > 0) {
                String parent = name.substring(0, slash + 1);
                if (!byName.containsKey(parent)) {
                    addDirectories(parent, source.getParent() == null ? source : source.getParent());
                }
            }
        }

        private static String relativeName(Path root, Path path) {
            List<String> parts = new ArrayList<>();
            for (Path part : root.relativize(path)) {
                parts.add(part.toString());
            }
            return String.join("/", parts);
        }

        ArchiveContent build() {
            // TreeMap order: "a/" sorts before "a/b", so directories precede their contents
            return new ArchiveContent(new ArrayList<>(byName.values()));
        }
    }
}
