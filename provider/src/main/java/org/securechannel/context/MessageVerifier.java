package org.securechannel.context;

import java.util.Arrays;
import org.securechannel.crypto.CryptoBackend;

/**
 * VerifySignature for one context: the peer's direction key (derived on first use) and a
 * {@link ReplayWindow}. A token that fails changes nothing, so a forger cannot push the window along.
 * Its own lock, independent of the signer's and the record locks.
 */
final class MessageVerifier {
    private final Object lock = new Object();
    private final CryptoBackend crypto;
    private final SignatureToken.KeySource keys;
    private final String peerLabel;
    private final ReplayWindow window = new ReplayWindow();
    private byte[] key;
    private boolean destroyed;

    MessageVerifier(CryptoBackend crypto, SignatureToken.KeySource keys, boolean client) {
        this.crypto = crypto;
        this.keys = keys;
        this.peerLabel = SignatureToken.label(!client);
    }

    void verify(byte[] message, byte[] token) throws SecurityContextException {
        synchronized (lock) {
            if (destroyed) {
                throw SecurityContextException.invalidState("the security context is closed");
            }
            if (key == null) {
                key = keys.derive(peerLabel);
            }
            long sequence = SignatureToken.open(crypto, key, message, token);
            String problem = window.problem(sequence);
            if (problem != null) {
                throw new SecurityContextException(Reason.OUT_OF_SEQUENCE, "signature out of sequence: " + problem, null, null);
            }
            window.accept(sequence);
        }
    }

    void window(int size) {
        synchronized (lock) {
            window.resize(size);
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
