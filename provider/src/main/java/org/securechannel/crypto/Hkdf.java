package org.securechannel.crypto;

import org.securechannel.codec.CipherSuite;

/**
 * TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1). It lives in crypto, not in the key schedule, because the
 * record layer derives its key and IV with it too and must not depend on the handshake package.
 */
public final class Hkdf {
    private static final byte[] PREFIX = {'t', 'l', 's', '1', '3', ' '};

    private Hkdf() {
    }

    /**
     * HKDF-Expand(secret, HkdfLabel, length) where HkdfLabel is
     * {@code uint16 length; opaque label<7..255> = "tls13 " + label; opaque context<0..255>}.
     *
     * @param context the context bytes; null means a zero-length context
     */
    public static byte[] expandLabel(CryptoBackend crypto, CipherSuite.Hash hash, byte[] secret, String label,
            byte[] context, int length) {
        byte[] ctx = context == null ? new byte[0] : context;
        int labelLength = PREFIX.length + label.length();
        if (length < 0 || length > 0xFFFF || labelLength > 255 || ctx.length > 255) {
            throw new IllegalArgumentException("HkdfLabel out of range: length " + length + ", label " + label
                    + ", context " + ctx.length);
        }
        byte[] info = new byte[2 + 1 + labelLength + 1 + ctx.length];
        int p = 0;
        info[p++] = (byte) (length >>> 8);
        info[p++] = (byte) length;
        info[p++] = (byte) labelLength;
        System.arraycopy(PREFIX, 0, info, p, PREFIX.length);
        p += PREFIX.length;
        // Labels are ASCII constants from the RFC (or exporter labels, which RFC 5705 also limits to ASCII).
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("non-ASCII HKDF label: " + label);
            }
            info[p++] = (byte) c;
        }
        info[p++] = (byte) ctx.length;
        System.arraycopy(ctx, 0, info, p, ctx.length);
        return crypto.hkdfExpand(hash, secret, info, length);
    }
}
