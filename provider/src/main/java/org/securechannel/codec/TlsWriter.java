package org.securechannel.codec;

import java.util.Arrays;

/**
 * Growable writer of TLS wire structures. Length-prefixed vectors are written by closure, as in Go's
 * cryptobyte: {@code w.vector16(v -> v.u16(...))} writes the body and back-patches the length, so a
 * length can never disagree with its body.
 */
public final class TlsWriter {
    private byte[] buf;
    private int len;

    /** Writes a nested body into the same writer. */
    @FunctionalInterface
    public interface Body {
        void write(TlsWriter w);
    }

    public TlsWriter() {
        this(256);
    }

    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public TlsWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public TlsWriter vector8(byte[] b) {
        return vector8(w -> w.bytes(b));
    }

    public TlsWriter vector16(byte[] b) {
        return vector16(w -> w.bytes(b));
    }

    public TlsWriter vector24(byte[] b) {
        return vector24(w -> w.bytes(b));
    }

    public TlsWriter vector8(Body body) {
        return prefixed(1, 0xFF, body);
    }

    public TlsWriter vector16(Body body) {
        return prefixed(2, 0xFFFF, body);
    }

    public TlsWriter vector24(Body body) {
        return prefixed(3, 0xFFFFFF, body);
    }

    private TlsWriter prefixed(int lengthBytes, int max, Body body) {
        ensure(lengthBytes);
        int at = len;
        len += lengthBytes;
        body.write(this);
        int n = len - at - lengthBytes;
        if (n > max) {
            // Our own encoder produced something unencodable: a programming error, not peer input.
            throw new IllegalStateException("vector of " + n + " bytes exceeds " + max);
        }
        for (int i = lengthBytes - 1; i >= 0; i--) {
            buf[at + i] = (byte) n;
            n >>>= 8;
        }
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
