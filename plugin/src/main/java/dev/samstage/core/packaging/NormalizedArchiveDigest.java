package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The content hash of a jar or zip that is uploaded as built (a shaded jar, a {@code CodeUri}
 * naming a jar): its entries sorted by name, each with its uncompressed bytes, in the encoding
 * of {@link ContentDigest}. Timestamps, entry order, compression and zip comments are left out,
 * so a clean rebuild of unchanged sources by a plugin that stamps build times (an older shade
 * or jar plugin) gets the same key and reuses the object already stored, which holds the same
 * entries.
 *
 * <p>One more stamp is left out: the {@code #} comment lines of
 * {@code META-INF/maven/**}{@code /pom.properties}, where maven-archiver before 3.5 wrote the
 * build date.</p>
 */
final class NormalizedArchiveDigest {

    private static final int BUFFER = 64 * 1024;

    private NormalizedArchiveDigest() {
    }

    /** The hex hash, or empty when {@code file} is not a readable zip (it is then keyed by its bytes). */
    static Optional<String> of(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = new ArrayList<>(zip.stream().toList());
            entries.sort(Comparator.comparing(ZipEntry::getName));
            ContentDigest digest = new ContentDigest();
            byte[] buffer = new byte[BUFFER];
            for (ZipEntry entry : entries) {
                if (entry.isDirectory()) {
                    digest.directory(entry.getName());
                    continue;
                }
                if (isPomProperties(entry.getName()) || entry.getSize() < 0) {
                    // rewritten (or of unknown size): small enough to hold, and its length is only known after reading
                    byte[] bytes = read(zip, entry, buffer);
                    bytes = isPomProperties(entry.getName()) ? withoutComments(bytes) : bytes;
                    digest.file(entry.getName(), false, bytes.length);
                    digest.update(bytes, 0, bytes.length);
                } else {
                    // the central directory gives the size: stream the bytes, so a large entry is never held in memory
                    digest.file(entry.getName(), false, entry.getSize());
                    stream(zip, entry, buffer, digest);
                }
            }
            return Optional.of(digest.hex());
        } catch (ZipException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] read(ZipFile zip, ZipEntry entry, byte[] buffer) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            var out = new java.io.ByteArrayOutputStream(entry.getSize() > 0 ? (int) Math.min(entry.getSize(), 1 << 24) : 32);
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static void stream(ZipFile zip, ZipEntry entry, byte[] buffer, ContentDigest digest) throws IOException {
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        if (total != entry.getSize()) {
            throw new ZipException(entry.getName() + " holds " + total + " bytes, not the " + entry.getSize() + " its header says");
        }
    }

    private static boolean isPomProperties(String name) {
        return name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties");
    }

    private static byte[] withoutComments(byte[] bytes) {
        StringBuilder kept = new StringBuilder();
        for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (!line.startsWith("#")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
