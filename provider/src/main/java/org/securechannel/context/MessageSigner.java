package org.securechannel.context;

import java.util.Arrays;
import org.securechannel.crypto.CryptoBackend;

/**
 * MakeSignature for one context: our direction's key (derived on first use) and the next sequence number.
 * Its own lock, not the record locks, so signing never waits for encrypt/decrypt and vice versa.
 */
final class MessageSigner {
    private final Object lock = new Object();
    private final CryptoBackend crypto;
    private final SignatureToken.KeySource keys;
    private final String label;
    private byte[] key;
    private long next;
    private boolean destroyed;

    MessageSigner(CryptoBackend crypto, SignatureToken.KeySource keys, boolean client) {
        this.crypto = crypto;
        this.keys = keys;
        this.label = SignatureToken.label(client);
    }

    byte[] sign(byte[] message) throws SecurityContextException {
        synchronized (lock) {
            if (destroyed) {
                throw SecurityContextException.invalidState("the security context is closed");
            }
            if (key == null) {
                key = keys.derive(label);
            }
            if (next == Long.MAX_VALUE) {
                throw SecurityContextException.invalidState("message sequence numbers are exhausted");
            }
            byte[] token = SignatureToken.make(crypto, key, next, message);
            next++;
            return token;
        }
    }

    void destroy() {
        synchronized (lock) {
            destroyed = true;
            if (key != null) {
                Arrays.fill(key, (byte) 0);
                key = null;
            }
        }
    }
}
