package org.securechannel.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the fuzzer changes in a scripted peer's messages. Input: one options byte, then edits of the form
 * {@code slot u8, op u8, length u16, data}. A slot is one message the script sends (its numbering is the
 * script's); an op says what happens to it:
 * <ul>
 *   <li>0: send {@code data} instead (the whole message, 4-byte header included);</li>
 *   <li>1: XOR {@code data[2..]} into the message at offset {@code data[0..1]} (growing it if needed);</li>
 *   <li>2: do not send the message;</li>
 *   <li>3: send {@code data} as an extra message before it;</li>
 *   <li>4: cut the message to {@code data[0..1]} bytes;</li>
 *   <li>5: send it with its 4-byte header rewritten from {@code data} (type, length lies).</li>
 * </ul>
 * The script then keeps the transcript of what it actually sent and computes CertificateVerify and Finished
 * over it, so a mutated message that the peer accepts does not stop the handshake later: the fuzzer gets
 * past each state into the next. An empty input (or options only) is the valid handshake.
 */
final class Edits {
    private record Edit(int slot, int op, byte[] data) {
    }

    final int options;
    private final List<Edit> edits = new ArrayList<>();

    Edits(byte[] input) {
        options = input.length > 0 ? input[0] & 0xFF : 0;
        int p = 1;
        while (p + 4 <= input.length && edits.size() < 32) {
            int len = Math.min(((input[p + 2] & 0xFF) << 8) | (input[p + 3] & 0xFF), input.length - p - 4);
            edits.add(new Edit(input[p] & 0xFF, input[p + 1] & 0xFF, Arrays.copyOfRange(input, p + 4, p + 4 + len)));
            p += 4 + len;
        }
    }

    boolean option(int bit) {
        return (options & (1 << bit)) != 0;
    }

    /** The bytes to send for {@code slot} whose correct encoding is {@code message}: possibly several messages, or none. */
    byte[] apply(int slot, byte[] message) {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        byte[] m = message;
        for (Edit e : edits) {
            if (e.slot != slot) {
                continue;
            }
            switch (e.op % 6) {
                case 0 -> m = e.data.clone();
                case 1 -> {
                    if (e.data.length >= 2) {
                        int at = ((e.data[0] & 0xFF) << 8) | (e.data[1] & 0xFF);
                        int n = e.data.length - 2;
                        if (at + n > m.length) {
                            m = Arrays.copyOf(m, at + n);
                        }
                        for (int i = 0; i < n; i++) {
                            m[at + i] ^= e.data[2 + i];
                        }
                    }
                }
                case 2 -> m = new byte[0];
                case 3 -> before.writeBytes(e.data);
                case 4 -> {
                    if (e.data.length >= 2) {
                        m = Arrays.copyOf(m, Math.min(m.length, ((e.data[0] & 0xFF) << 8) | (e.data[1] & 0xFF)));
                    }
                }
                default -> {
                    m = m.clone();
                    for (int i = 0; i < Math.min(4, Math.min(m.length, e.data.length)); i++) {
                        m[i] = e.data[i];
                    }
                }
            }
        }
        before.writeBytes(m);
        return before.toByteArray();
    }

    /** An input for the given options and edits, for writing seeds: {@code slot, op, data} triples. */
    static byte[] encode(int options, Object... slotOpData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(options);
        for (int i = 0; i + 2 < slotOpData.length; i += 3) {
            byte[] d = (byte[]) slotOpData[i + 2];
            out.write((Integer) slotOpData[i]);
            out.write((Integer) slotOpData[i + 1]);
            out.write(d.length >>> 8);
            out.write(d.length);
            out.writeBytes(d);
        }
        return out.toByteArray();
    }
}
