package org.securechannel.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits raw TLS bytes into records, for tests that look at what a context put on the wire. */
public final class Records {
    /** One record: its outer content type and its fragment (still protected for type 23). */
    public record Rec(int type, byte[] fragment) {
        public int length() {
            return 5 + fragment.length;
        }
    }

    private Records() {
    }

    /** Every whole record in {@code bytes}; fails when bytes are left over. */
    public static List<Rec> split(byte[] bytes) {
        List<Rec> out = new ArrayList<>();
        int p = 0;
        while (p < bytes.length) {
            if (bytes.length - p < 5) {
                throw new AssertionError("trailing partial record header at " + p);
            }
            int len = ((bytes[p + 3] & 0xFF) << 8) | (bytes[p + 4] & 0xFF);
            if (p + 5 + len > bytes.length) {
                throw new AssertionError("trailing partial record at " + p);
            }
            out.add(new Rec(bytes[p] & 0xFF, Arrays.copyOfRange(bytes, p + 5, p + 5 + len)));
            p += 5 + len;
        }
        return out;
    }

    /** The total length of the record starting at {@code offset} (header included); the header must be there. */
    public static int recordLength(byte[] bytes, int offset) {
        return 5 + (((bytes[offset + 3] & 0xFF) << 8) | (bytes[offset + 4] & 0xFF));
    }

    /** The concatenated fragments of the plaintext handshake (type 22) records. */
    public static byte[] plainHandshake(byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Rec r : split(bytes)) {
            if (r.type() == 22) {
                b.write(r.fragment(), 0, r.fragment().length);
            }
        }
        return b.toByteArray();
    }

    /** Handshake messages (header + body) in a run of handshake bytes; each entry is {type, body}. */
    public static List<Object[]> messages(byte[] handshake) {
        List<Object[]> out = new ArrayList<>();
        int p = 0;
        while (p + 4 <= handshake.length) {
            int type = handshake[p] & 0xFF;
            int len = ((handshake[p + 1] & 0xFF) << 16) | ((handshake[p + 2] & 0xFF) << 8) | (handshake[p + 3] & 0xFF);
            out.add(new Object[] {type, Arrays.copyOfRange(handshake, p + 4, p + 4 + len)});
            p += 4 + len;
        }
        if (p != handshake.length) {
            throw new AssertionError("trailing partial handshake message");
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            b.write(part, 0, part.length);
        }
        return b.toByteArray();
    }
}
