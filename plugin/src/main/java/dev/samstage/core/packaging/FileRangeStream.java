package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Streams {@code length} bytes of a file from {@code offset}, telling a counter how many bytes
 * were read. Each request attempt opens a fresh one, so retries re-read from disk instead of
 * the SDK buffering the part in memory.
 */
final class FileRangeStream extends InputStream {

    private final FileChannel channel;
    private final LongConsumer counter;
    private long remaining;

    /** Opens the range, as an unchecked failure for callers that cannot throw {@link IOException}. */
    static FileRangeStream open(Path file, long offset, long length, LongConsumer counter) {
        try {
            return new FileRangeStream(file, offset, length, counter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private FileRangeStream(Path file, long offset, long length, LongConsumer counter) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.channel.position(offset);
        this.remaining = length;
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, remaining)));
        if (n < 0) {
            throw new IOException("the file ended " + remaining + " bytes early; did it change during the upload?");
        }
        remaining -= n;
        counter.accept(n);
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
