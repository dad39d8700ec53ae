package org.securechannel.badinput;

import java.security.PrivateKey;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.testing.DelegatingBackend;

/**
 * The default backend with one lie: signatures it makes and/or HMACs it computes get a bit flipped. The
 * engine uses {@code hmac} directly only for Finished (HKDF runs inside the delegate), so a peer that uses
 * this backend sends a forged CertificateVerify or a wrong Finished that is otherwise perfectly formed.
 */
final class TamperingBackend extends DelegatingBackend {
    private final boolean corruptSignatures;
    private final int corruptHmacFrom;
    private final java.util.concurrent.atomic.AtomicInteger hmacCalls = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param corruptHmacFrom the first hmac call (0-based) whose result is corrupted, -1 for none: a server
     *                        computes its own Finished first (call 0), a client verifies the server's first
     *                        (call 0) and computes its own next (call 1). Use a fresh instance per context.
     */
    TamperingBackend(boolean corruptSignatures, int corruptHmacFrom) {
        this.corruptSignatures = corruptSignatures;
        this.corruptHmacFrom = corruptHmacFrom;
    }

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        byte[] mac = d.hmac(hash, key, data);
        if (corruptHmacFrom >= 0 && hmacCalls.getAndIncrement() >= corruptHmacFrom) {
            mac[mac.length / 2] ^= 0x01;
        }
        return mac;
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        byte[] sig = d.sign(scheme, key, message);
        if (corruptSignatures) {
            // Sign something else: a well-formed signature that does not match the transcript.
            byte[] other = message.clone();
            other[other.length - 1] ^= 0x01;
            sig = d.sign(scheme, key, other);
        }
        return sig;
    }
}
