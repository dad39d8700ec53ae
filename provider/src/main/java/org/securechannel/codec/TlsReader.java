package org.securechannel.codec;

import java.util.Arrays;

/**
 * Bounds-checked reading of TLS wire structures from a byte array window. Every read that would run
 * past the window throws a decode_error {@link AlertException}; lengths read from the wire are checked
 * against what is actually there before anything is allocated, so a peer cannot make us allocate more
 * than it sent.
 */
public final class TlsReader {
    private final byte[] buf;
    private final int end;
    private int pos;
    private final String what;

    public TlsReader(byte[] buf, String what) {
        this(buf, 0, buf.length, what);
    }

    public TlsReader(byte[] buf, int offset, int length, String what) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.what = what;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int position() {
        return pos;
    }

    private void need(int n) throws AlertException {
        if (n < 0 || n > end - pos) {
            throw AlertException.decodeError(what + ": truncated (need " + n + " bytes, " + (end - pos) + " left)");
        }
    }

    public int u8() throws AlertException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int u16() throws AlertException {
        need(2);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int u24() throws AlertException {
        need(3);
        int v = ((buf[pos] & 0xFF) << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    public long u32() throws AlertException {
        need(4);
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public byte[] bytes(int n) throws AlertException {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A vector with a one-byte length prefix. */
    public byte[] vector8() throws AlertException {
        return bytes(u8());
    }

    /** A vector with a two-byte length prefix. */
    public byte[] vector16() throws AlertException {
        return bytes(u16());
    }

    /** A vector with a three-byte length prefix. */
    public byte[] vector24() throws AlertException {
        return bytes(u24());
    }

    /** A reader over the next {@code n} bytes, which this reader skips. */
    public TlsReader sub(int n, String subWhat) throws AlertException {
        need(n);
        TlsReader r = new TlsReader(buf, pos, n, subWhat);
        pos += n;
        return r;
    }

    public TlsReader sub8(String subWhat) throws AlertException {
        return sub(u8(), subWhat);
    }

    public TlsReader sub16(String subWhat) throws AlertException {
        return sub(u16(), subWhat);
    }

    public TlsReader sub24(String subWhat) throws AlertException {
        return sub(u24(), subWhat);
    }

    /** Fails with decode_error when bytes are left over: TLS structures have no trailing garbage. */
    public void expectEnd() throws AlertException {
        if (pos != end) {
            throw AlertException.decodeError(what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }
}
