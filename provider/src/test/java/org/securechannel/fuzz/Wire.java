package org.securechannel.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;
import org.securechannel.record.Tls13RecordProtection;

/** Record framing and message splitting for the scripted peers; lenient, since it reads fuzzed traffic too. */
final class Wire {
    static final int MAX_FRAGMENT = 16384;

    private Wire() {
    }

    /** {@code content} as plaintext records of {@code type}, cut at 2^14 bytes. */
    static byte[] plain(int type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int p = 0; p < content.length; p += MAX_FRAGMENT) {
            int n = Math.min(MAX_FRAGMENT, content.length - p);
            out.write(type);
            out.write(3);
            out.write(3);
            out.write(n >>> 8);
            out.write(n);
            out.write(content, p, n);
        }
        return out.toByteArray();
    }

    /** {@code content} sealed as records of inner {@code type}, cut at 2^14 bytes; nothing for empty content. */
    static byte[] sealed(Tls13RecordProtection p, ContentType type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < content.length; off += MAX_FRAGMENT) {
            int n = Math.min(MAX_FRAGMENT, content.length - off);
            ByteBuffer dst = ByteBuffer.allocate(n + p.overhead());
            try {
                p.seal(type, ByteBuffer.wrap(content, off, n), dst);
            } catch (AlertException e) {
                throw new IllegalStateException(e);
            }
            out.write(dst.array(), 0, dst.position());
        }
        return out.toByteArray();
    }

    /** One record: outer type and fragment. */
    record Rec(int type, byte[] header, byte[] fragment) {
    }

    /** The whole records in {@code bytes}; a trailing partial one is dropped. */
    static List<Rec> records(byte[] bytes) {
        List<Rec> out = new ArrayList<>();
        int p = 0;
        while (p + 5 <= bytes.length) {
            int len = ((bytes[p + 3] & 0xFF) << 8) | (bytes[p + 4] & 0xFF);
            if (p + 5 + len > bytes.length) {
                break;
            }
            out.add(new Rec(bytes[p] & 0xFF, Arrays.copyOfRange(bytes, p, p + 5), Arrays.copyOfRange(bytes, p + 5, p + 5 + len)));
            p += 5 + len;
        }
        return out;
    }

    /** The whole handshake messages (header included) in {@code bytes}; a trailing partial one is dropped. */
    static List<byte[]> messages(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p + 4 <= bytes.length) {
            int len = ((bytes[p + 1] & 0xFF) << 16) | ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
            if (p + 4 + len > bytes.length) {
                break;
            }
            out.add(Arrays.copyOfRange(bytes, p, p + 4 + len));
            p += 4 + len;
        }
        return out;
    }

    static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    /** RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash. */
    static byte[] signedContent(boolean byServer, byte[] transcriptHash) {
        byte[] context = ("TLS 1.3, " + (byServer ? "server" : "client") + " CertificateVerify")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, content, 64, context.length);
        System.arraycopy(transcriptHash, 0, content, 64 + context.length + 1, transcriptHash.length);
        return content;
    }

    static boolean isKeyUpdate(byte[] m) {
        return m.length == 5 && m[0] == 24 && m[1] == 0 && m[2] == 0 && m[3] == 1 && (m[4] & 0xFF) <= 1;
    }
}
