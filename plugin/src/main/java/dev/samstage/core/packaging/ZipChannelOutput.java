package dev.samstage.core.packaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Buffered little-endian writes to a file channel that remember their position and can patch
 * bytes already written, so a zip entry's header can be completed once its data is streamed.
 * After every write to the file it tells a {@link WrittenBytes} how far the file is final, and
 * which range (a header still to be patched) is not.
 */
final class ZipChannelOutput implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private final WrittenBytes observer;
    private long flushed;
    private long heldFrom;
    private long heldTo;

    ZipChannelOutput(FileChannel channel, WrittenBytes observer) {
        this.channel = channel;
        this.observer = observer;
    }

    /** Marks {@code [from, to)} as not final until {@link #release()}: a header that will be patched. */
    void hold(long from, long to) {
        heldFrom = from;
        heldTo = to;
    }

    /** The held range is final now. */
    void release() throws IOException {
        heldFrom = 0;
        heldTo = 0;
        flush();
    }

    long position() {
        return flushed + buffer.position();
    }

    void u16(int value) throws IOException {
        room(2);
        buffer.putShort((short) value);
    }

    void u32(long value) throws IOException {
        room(4);
        buffer.putInt((int) value);
    }

    void u64(long value) throws IOException {
        room(8);
        buffer.putLong(value);
    }

    void bytes(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
        }
    }

    void bytes(byte[] bytes) throws IOException {
        bytes(bytes, 0, bytes.length);
    }

    /** Overwrites little-endian values at an earlier position. */
    void patch(long position, ByteBuffer littleEndianValues) throws IOException {
        flush();
        while (littleEndianValues.hasRemaining()) {
            position += channel.write(littleEndianValues, position);
        }
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            flushed += channel.write(buffer);
        }
        buffer.clear();
        observer.written(flushed, heldFrom, heldTo);
    }

    @Override
    public void close() throws IOException {
        flush();
        channel.close();
    }
}
