package org.securechannel.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.3 record protection for TLS_AES_128_GCM_SHA256 written from RFC 8446 §5.2-5.3 and §7.3 with plain JCA,
 * independent of the provider's record layer: opens a peer's records and seals new ones with any padding,
 * including padding the provider would never send. One direction's keys; sequence numbers count from 0.
 */
public final class RecordForge {
    private static final int TAG = 16;
    private final byte[] key;
    private final byte[] iv;
    private long sequence;

    /** The keys of one traffic secret (e.g. "s hs traffic" from {@link SecretCapture}). */
    public RecordForge(byte[] trafficSecret) {
        this.key = expandLabel(trafficSecret, "key", 16);
        this.iv = expandLabel(trafficSecret, "iv", 12);
    }

    /** Opens one protected record (header included) and returns its TLSInnerPlaintext, padding and type included. */
    public byte[] openInner(byte[] record) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce(sequence++)));
            c.updateAAD(record, 0, 5);
            return c.doFinal(record, 5, record.length - 5);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("cannot open record " + (sequence - 1), e);
        }
    }

    /** The content of an inner plaintext: what precedes the last non-zero byte (the type). */
    public static byte[] content(byte[] inner) {
        int i = inner.length - 1;
        while (inner[i] == 0) {
            i--;
        }
        return Arrays.copyOf(inner, i);
    }

    /** The content type of an inner plaintext: its last non-zero byte. */
    public static int type(byte[] inner) {
        int i = inner.length - 1;
        while (inner[i] == 0) {
            i--;
        }
        return inner[i] & 0xFF;
    }

    /** A protected record of {@code content}, then {@code type}, then {@code padding} zeros. */
    public byte[] seal(int type, byte[] content, int padding) {
        byte[] inner = new byte[content.length + 1 + padding];
        System.arraycopy(content, 0, inner, 0, content.length);
        inner[content.length] = (byte) type;
        int length = inner.length + TAG;
        byte[] header = {23, 3, 3, (byte) (length >>> 8), (byte) length};
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce(sequence++)));
            c.updateAAD(header);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(header, 0, 5);
            out.writeBytes(c.doFinal(inner));
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] nonce(long seq) {
        byte[] n = iv.clone();
        for (int i = 0; i < 8; i++) {
            n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
        }
        return n;
    }

    /** HKDF-Expand-Label(secret, label, "", length) with SHA-256 (RFC 8446 §7.1, RFC 5869 §2.3). */
    static byte[] expandLabel(byte[] secret, String label, int length) {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >>> 8);
        info.write(length);
        info.write(full.length);
        info.writeBytes(full);
        info.write(0);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(info.toByteArray());
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), length);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
