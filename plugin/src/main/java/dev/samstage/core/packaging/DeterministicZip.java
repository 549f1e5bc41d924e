package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an {@link ArchiveContent} as a zip whose bytes depend only on the content: entries in
 * sorted order, every timestamp 1980-01-01T00:00:00 (the zip epoch), Unix modes 0644 for files,
 * 0755 for directories and executables, no extra fields beyond Zip64 where sizes need it.
 *
 * <p>Files are streamed in 128 KiB chunks and headers of larger files are completed in place
 * afterwards, so memory use does not grow with the size of the code. Entries that are already
 * compressed (jars, zips, images by name, anything whose first 64 KiB deflate by less than a
 * sixteenth) are stored rather than deflated again, which saves most of the time for a typical
 * Java function whose bulk is dependency jars; the rest is deflated at zlib's fastest level.</p>
 */
public final class DeterministicZip {

    /** The record signatures of PKWARE's APPNOTE (4.3.7, 4.3.12, 4.3.16, 4.3.14, 4.3.15). */
    private static final int LOCAL_HEADER = 0x04034b50, CENTRAL_HEADER = 0x02014b50, END_OF_CENTRAL = 0x06054b50,
            ZIP64_END_OF_CENTRAL = 0x06064b50, ZIP64_LOCATOR = 0x07064b50;
    /** General purpose bit 11: names are UTF-8. */
    private static final int UTF8_NAMES = 0x0800;
    /** Compression methods. */
    private static final int STORED = 0, DEFLATED = 8;
    /** MS-DOS date of 1980-01-01 (day 1, month 1, year 0); the time field is 00:00:00. */
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int DOS_TIME = 0;
    private static final long MAX32 = 0xFFFFFFFFL;
    /** Deflating can grow incompressible data slightly; switch to Zip64 before that could overflow. */
    private static final long ZIP64_SIZE = MAX32 - (MAX32 >>> 8);
    /** Read size, and the largest file compressed in memory with its header written complete. */
    private static final int BUFFER = 128 * 1024;
    /** How much of a larger file is trial-compressed to decide between deflating and storing it. */
    private static final int PROBE = 64 * 1024;
    /**
     * Fastest zlib level: on Java code (class files, resources) it compresses within a few per
     * cent of the default level at a fraction of the time; the bulk of a function is jars, stored.
     */
    private static final int LEVEL = Deflater.BEST_SPEED;
    private static final Set<String> COMPRESSED = Set.of(
            "jar", "zip", "war", "ear", "gz", "tgz", "bz2", "xz", "zst", "7z", "png", "jpg", "jpeg", "gif", "webp",
            "woff", "woff2");

    private DeterministicZip() {
    }

    /** What was written. */
    public record Written(Path file, long bytes) {
    }

    /** Writes {@code content} to {@code target} (replaced if present) and returns its size. */
    public static Written write(ArchiveContent content, Path target) {
        return write(content, target, WrittenBytes.NONE, Map.of());
    }

    /**
     * Like {@link #write(ArchiveContent, Path)}, telling {@code written} after every write how far
     * the file is final, so an upload can start on it while the rest is being zipped, and
     * checking that every source file in {@code hashed} still is what it was when the
     * artifact's content hash (its key) was taken: its stamp unchanged after it is read, and
     * its bytes hashed again only where the stamp alone cannot tell ({@link FileStamp#racy()}).
     * A changed file fails the build instead of storing other bytes under the key.
     */
    static Written write(ArchiveContent content, Path target, WrittenBytes written, Map<Path, HashedFile> hashed) {
        List<Central> central = new ArrayList<>();
        try (ZipChannelOutput out = new ZipChannelOutput(FileChannel.open(target,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), written)) {
            EntryWriter writer = new EntryWriter(out, hashed);
            try {
                for (ArchiveEntry entry : content.entries()) {
                    central.add(entry.directory() ? writer.directory(entry) : writer.file(entry));
                }
            } finally {
                writer.end();
            }
            writeCentralDirectory(out, central);
            long bytes = out.position();
            return new Written(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * An upper bound of the size of the zip of {@code content}: the data (deflating never grows it
     * by more than a few bytes per 16 KiB block) plus every header with room for Zip64 fields.
     */
    public static long maxSize(ArchiveContent content) {
        long bound = 22 + 56 + 20;
        for (ArchiveEntry entry : content.entries()) {
            int name = entry.name().getBytes(StandardCharsets.UTF_8).length;
            bound += 30 + 20 + 46 + 28 + 2L * name;
            if (!entry.directory()) {
                long size = ArtifactFiles.size(entry.source());
                bound += size + (size >>> 8) + 64;
            }
        }
        return bound;
    }

    private record Central(ArchiveEntry entry, byte[] name, int method, long crc, long compressed, long size,
                           long offset) {
        boolean zip64() {
            return compressed >= MAX32 || size >= MAX32 || offset >= MAX32;
        }
    }

    /**
     * Writes entries one after the other. A file that fits in one read buffer is compressed in
     * memory and written with a complete header; a larger one is streamed and its header is
     * completed afterwards (held meanwhile, so nobody reads it half-done).
     */
    private static final class EntryWriter {
        private final ZipChannelOutput out;
        private final Map<Path, HashedFile> hashed;
        private final Deflater deflater = new Deflater(LEVEL, true);
        private final byte[] in = new byte[BUFFER];
        private final byte[] packed = new byte[BUFFER + (BUFFER >>> 6) + 1024];

        EntryWriter(ZipChannelOutput out, Map<Path, HashedFile> hashed) {
            this.out = out;
            this.hashed = hashed;
        }

        void end() {
            deflater.end();
        }

        Central directory(ArchiveEntry entry) throws IOException {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            long offset = out.position();
            localHeader(out, name, STORED, false, 0, 0, 0);
            return new Central(entry, name, STORED, 0, 0, 0, offset);
        }

        Central file(ArchiveEntry entry) throws IOException {
            Path source = entry.source();
            long expected = Files.size(source);
            HashedFile planned = hashed.get(source);
            MessageDigest own = planned != null && planned.ownSha256().isPresent() ? ContentDigest.sha256() : null;
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            boolean mayDeflate = expected > 0 && !COMPRESSED.contains(extension(entry.name()));
            Central written;
            try (InputStream stream = Files.newInputStream(source)) {
                int first = readFully(stream, in);
                update(own, in, first);
                CRC32 crc = new CRC32();
                crc.update(in, 0, first);
                if (first < in.length) {
                    checkSize(source, expected, first);
                    written = whole(entry, name, first, crc.getValue(), mayDeflate);
                } else {
                    written = streamed(entry, name, stream, crc, own, expected,
                            mayDeflate && compresses(in, Math.min(first, PROBE)) >= 0 ? DEFLATED : STORED);
                }
            }
            if (planned != null) {
                checkUnchanged(source, planned, own);
            }
            return written;
        }

        private static void update(MessageDigest digest, byte[] bytes, int length) {
            if (digest != null) {
                digest.update(bytes, 0, length);
            }
        }

        /** The file read is the one hashed for the key: same stamp after reading it, same bytes where the stamp is racy. */
        private static void checkUnchanged(Path source, HashedFile planned, MessageDigest own) {
            boolean same = planned.stamp().sameFileAs(FileStamp.of(source)) && (own == null
                    || planned.ownSha256().orElseThrow().equals(HexFormat.of().formatHex(own.digest())));
            if (!same) {
                throw new PackagingException("The file " + source + " changed while it was being packaged (after its"
                        + " content hash was taken); run the build again once nothing writes to it.");
            }
        }

        /** The whole file is in {@code in}: deflated in memory when that pays, header complete up front. */
        private Central whole(ArchiveEntry entry, byte[] name, int size, long crc, boolean mayDeflate)
                throws IOException {
            int compressed = mayDeflate ? compresses(in, size) : -1;
            int method = compressed >= 0 ? DEFLATED : STORED;
            long offset = out.position();
            localHeader(out, name, method, false, crc, method == DEFLATED ? compressed : size, size);
            if (method == DEFLATED) {
                out.bytes(packed, 0, compressed);
            } else {
                out.bytes(in, 0, size);
            }
            return new Central(entry, name, method, crc, method == DEFLATED ? compressed : size, size, offset);
        }

        /**
         * Deflates {@code in[0, length)} into {@code packed}; returns the compressed size, or -1 when
         * it saves less than a sixteenth (random or already compressed data), which is then stored:
         * inflating it would cost Lambda time for nothing. The decision depends only on the bytes.
         */
        private int compresses(byte[] data, int length) {
            deflater.reset();
            deflater.setInput(data, 0, length);
            deflater.finish();
            int n = 0;
            while (!deflater.finished() && n < packed.length) {
                n += deflater.deflate(packed, n, packed.length - n);
            }
            return deflater.finished() && n < length - (length >>> 4) ? n : -1;
        }

        private Central streamed(ArchiveEntry entry, byte[] name, InputStream stream, CRC32 crc, MessageDigest own,
                                 long expected, int method) throws IOException {
            boolean zip64 = expected >= ZIP64_SIZE;
            long offset = out.position();
            localHeader(out, name, method, zip64, 0, zip64 ? MAX32 : 0, zip64 ? MAX32 : 0);
            long dataStart = out.position();
            out.hold(offset, dataStart);
            deflater.reset();
            long size = in.length;
            write(method, in, in.length);
            int n;
            while ((n = stream.read(in)) > 0) {
                crc.update(in, 0, n);
                update(own, in, n);
                size += n;
                write(method, in, n);
            }
            if (method == DEFLATED) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.bytes(packed, 0, deflater.deflate(packed));
                }
            }
            checkSize(entry.source(), expected, size);
            long compressed = out.position() - dataStart;
            ByteBuffer patch = ByteBuffer.allocate(zip64 ? 4 + 4 + 4 + 2 + 2 + name.length + 4 + 16 : 12)
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (zip64) {
                // crc, the two 0xFFFFFFFF size markers, name/extra lengths and name unchanged, then the Zip64 sizes
                patch.putInt((int) crc.getValue()).putInt(-1).putInt(-1)
                        .putShort((short) name.length).putShort((short) 20).put(name)
                        .putShort((short) 1).putShort((short) 16).putLong(size).putLong(compressed);
            } else {
                patch.putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) size);
            }
            patch.flip();
            out.patch(offset + 14, patch);
            out.release();
            return new Central(entry, name, method, crc.getValue(), compressed, size, offset);
        }

        private void write(int method, byte[] data, int length) throws IOException {
            if (method == STORED) {
                out.bytes(data, 0, length);
                return;
            }
            deflater.setInput(data, 0, length);
            while (!deflater.needsInput()) {
                out.bytes(packed, 0, deflater.deflate(packed));
            }
        }
    }

    private static int readFully(InputStream stream, byte[] buffer) throws IOException {
        int total = 0;
        int n;
        while (total < buffer.length && (n = stream.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
        }
        return total;
    }

    private static void checkSize(Path source, long expected, long size) {
        if (size != expected) {
            throw new PackagingException("The file " + source + " changed while it was being packaged ("
                    + expected + " bytes, then " + size + "); run the build again once nothing writes to it.");
        }
    }

    private static void localHeader(ZipChannelOutput out, byte[] name, int method, boolean zip64, long crc,
                                    long compressed, long size) throws IOException {
        out.u32(LOCAL_HEADER);
        out.u16(zip64 ? 45 : 20);
        out.u16(UTF8_NAMES);
        out.u16(method);
        out.u16(DOS_TIME);
        out.u16(DOS_DATE);
        out.u32(crc); // zero for a streamed entry: completed after its data
        out.u32(compressed);
        out.u32(size);
        out.u16(name.length);
        out.u16(zip64 ? 20 : 0);
        out.bytes(name);
        if (zip64) {
            out.u16(1);
            out.u16(16);
            out.u64(0);
            out.u64(0);
        }
    }

    private static void writeCentralDirectory(ZipChannelOutput out, List<Central> entries) throws IOException {
        long start = out.position();
        for (Central c : entries) {
            boolean zip64 = c.zip64();
            int extra = zip64 ? 4 + 8 * ((c.size >= MAX32 ? 1 : 0) + (c.compressed >= MAX32 ? 1 : 0)
                    + (c.offset >= MAX32 ? 1 : 0)) : 0;
            out.u32(CENTRAL_HEADER);
            out.u16((3 << 8) | (zip64 ? 45 : 20)); // made by Unix, so readers honour the modes below
            out.u16(zip64 ? 45 : 20);
            out.u16(UTF8_NAMES);
            out.u16(c.method);
            out.u16(DOS_TIME);
            out.u16(DOS_DATE);
            out.u32(c.crc);
            out.u32(Math.min(c.compressed, MAX32));
            out.u32(Math.min(c.size, MAX32));
            out.u16(c.name.length);
            out.u16(extra);
            out.u16(0); // comment
            out.u16(0); // disk
            out.u16(0); // internal attributes
            out.u32(((long) c.entry.unixMode() << 16) | (c.entry.directory() ? 0x10 : 0));
            out.u32(Math.min(c.offset, MAX32));
            out.bytes(c.name);
            if (zip64) {
                out.u16(1);
                out.u16(extra - 4);
                if (c.size >= MAX32) {
                    out.u64(c.size);
                }
                if (c.compressed >= MAX32) {
                    out.u64(c.compressed);
                }
                if (c.offset >= MAX32) {
                    out.u64(c.offset);
                }
            }
        }
        long end = out.position();
        long size = end - start;
        int count = entries.size();
        if (count >= 0xFFFF || size >= MAX32 || start >= MAX32) {
            out.u32(ZIP64_END_OF_CENTRAL);
            out.u64(44);
            out.u16((3 << 8) | 45);
            out.u16(45);
            out.u32(0);
            out.u32(0);
            out.u64(count);
            out.u64(count);
            out.u64(size);
            out.u64(start);
            out.u32(ZIP64_LOCATOR);
            out.u32(0);
            out.u64(end);
            out.u32(1);
        }
        out.u32(END_OF_CENTRAL);
        out.u16(0);
        out.u16(0);
        out.u16(Math.min(count, 0xFFFF));
        out.u16(Math.min(count, 0xFFFF));
        out.u32(Math.min(size, MAX32));
        out.u32(Math.min(start, MAX32));
        out.u16(0); // comment
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
