package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Package-private checks shared by the message and extension classes. Constructors use the
 * IllegalArgumentException ones: a bad value there is our own bug, never peer input, because every
 * parser validates before it constructs. Parsers use the AlertException ones.
 */
final class Wire {
    private Wire() {
    }

    /** A defensive copy of {@code b} after checking its length against a vector's bounds. */
    static byte[] copy(byte[] b, int min, int max, String what) {
        Objects.requireNonNull(b, what);
        if (b.length < min || b.length > max) {
            throw new IllegalArgumentException(what + ": length " + b.length + " not in " + min + ".." + max);
        }
        return b.clone();
    }

    static int checkU8(int v, String what) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(what + ": " + v + " is not a uint8");
        }
        return v;
    }

    static int checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + ": " + v + " is not a uint16");
        }
        return v;
    }

    /** An unmodifiable copy of a list of codes, each checked against {@code maxCode}, count checked too. */
    static List<Integer> codes(List<Integer> in, int minCount, int maxCount, int maxCode, String what) {
        List<Integer> out = List.copyOf(in);
        if (out.size() < minCount || out.size() > maxCount) {
            throw new IllegalArgumentException(what + ": " + out.size() + " entries, need " + minCount + ".." + maxCount);
        }
        for (int v : out) {
            if (v < 0 || v > maxCode) {
                throw new IllegalArgumentException(what + ": code " + v + " out of range");
            }
        }
        return out;
    }

    /** A reader over extension data; null data is a caller bug, so it is not turned into an alert. */
    static TlsReader reader(byte[] data, String what) {
        return new TlsReader(Objects.requireNonNull(data, what), what);
    }

    /** Reads every remaining uint16 of {@code r}; an odd byte count is a decode_error. */
    static List<Integer> readU16s(TlsReader r, String what) throws AlertException {
        if (r.remaining() % 2 != 0) {
            throw AlertException.decodeError(what + ": odd length " + r.remaining());
        }
        List<Integer> out = new ArrayList<>(r.remaining() / 2);
        while (r.hasRemaining()) {
            out.add(r.u16());
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads every remaining uint8 of {@code r}. */
    static List<Integer> readU8s(TlsReader r) throws AlertException {
        List<Integer> out = new ArrayList<>(r.remaining());
        while (r.hasRemaining()) {
            out.add(r.u8());
        }
        return Collections.unmodifiableList(out);
    }

    static void requireNonEmpty(TlsReader r, String what) throws AlertException {
        if (!r.hasRemaining()) {
            throw AlertException.decodeError(what + ": empty where the RFC requires at least one entry");
        }
    }
}
