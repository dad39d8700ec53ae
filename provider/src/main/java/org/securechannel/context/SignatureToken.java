package org.securechannel.context;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;

/**
 * The MakeSignature token. Its format is public and stable (version 1, 41 bytes):
 *
 * <pre>
 *   offset  length  field
 *   0       1       version, 0x01
 *   1       8       sequence number, unsigned big-endian; a sender's first token is 0, then 1, 2, ...
 *   9       32      HMAC-SHA256(key, version || sequence number || message)
 * </pre>
 *
 * The key is the TLS exporter output (RFC 8446 §7.5) for the sender's label, {@link #CLIENT_LABEL} or
 * {@link #SERVER_LABEL}, with an empty context, 32 bytes. Each direction has its own key, so a token can
 * never be reflected back to its sender. HMAC-SHA256 regardless of the suite's hash keeps the format fixed.
 */
final class SignatureToken {
    static final int VERSION = 1;
    static final int LENGTH = 1 + 8 + 32;
    static final int KEY_LENGTH = 32;
    static final String CLIENT_LABEL = "EXPORTER-SecureChannel-message-signature client";
    static final String SERVER_LABEL = "EXPORTER-SecureChannel-message-signature server";

    /** Where direction keys come from: the context's exporter. */
    @FunctionalInterface
    interface KeySource {
        byte[] derive(String label) throws SecurityContextException;
    }

    private SignatureToken() {
    }

    static String label(boolean client) {
        return client ? CLIENT_LABEL : SERVER_LABEL;
    }

    static byte[] make(CryptoBackend crypto, byte[] key, long sequence, byte[] message) {
        byte[] mac = mac(crypto, key, VERSION, sequence, message);
        return ByteBuffer.allocate(LENGTH).put((byte) VERSION).putLong(sequence).put(mac).array();
    }

    /**
     * The token's sequence number once its MAC proves it authentic for {@code message}; MESSAGE_ALTERED
     * otherwise. The MAC is checked before the sequence is looked at, so a forged sequence number is an
     * alteration, not an ordering problem.
     */
    static long open(CryptoBackend crypto, byte[] key, byte[] message, byte[] token) throws SecurityContextException {
        if (token == null || token.length != LENGTH || token[0] != VERSION) {
            throw altered(token == null ? "no token" : token.length != LENGTH
                    ? "a token is " + LENGTH + " bytes, not " + token.length : "unknown token version " + (token[0] & 0xFF));
        }
        long sequence = ByteBuffer.wrap(token, 1, 8).getLong();
        byte[] expected = mac(crypto, key, VERSION, sequence, message);
        byte[] got = new byte[32];
        System.arraycopy(token, 9, got, 0, 32);
        if (!MessageDigest.isEqual(expected, got)) {
            throw altered("the message or its token was altered, or the token is not from this context's peer");
        }
        return sequence;
    }

    private static byte[] mac(CryptoBackend crypto, byte[] key, int version, long sequence, byte[] message) {
        byte[] data = ByteBuffer.allocate(9 + message.length).put((byte) version).putLong(sequence).put(message).array();
        return crypto.hmac(CipherSuite.Hash.SHA256, key, data);
    }

    private static SecurityContextException altered(String why) {
        return new SecurityContextException(Reason.MESSAGE_ALTERED, "signature check failed: " + why, null, null);
    }
}
