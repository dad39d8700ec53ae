package org.securechannel.testing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** One direction of an in-memory connection: bytes written by one context, read by the other. */
public final class Pipe {
    private byte[] buf = new byte[1024];
    private int start;
    private int end;

    /** A view of the unread bytes; after a call, {@link #consumed(ByteBuffer)} takes what was read. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(buf, start, end - start);
    }

    public void consumed(ByteBuffer view) {
        start = view.position();
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    public void write(ByteBuffer written) {
        int n = written.remaining();
        if (end + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, end + n));
        }
        written.get(buf, end, n);
        end += n;
    }

    public void write(byte[] bytes) {
        write(ByteBuffer.wrap(bytes));
    }

    public int available() {
        return end - start;
    }

    /** Takes all unread bytes. */
    public byte[] drain() {
        byte[] out = Arrays.copyOfRange(buf, start, end);
        start = 0;
        end = 0;
        return out;
    }

    /** A copy of the unread bytes, leaving them unread. */
    public byte[] peek() {
        return Arrays.copyOfRange(buf, start, end);
    }
}
