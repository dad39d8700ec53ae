package org.securechannel.handshake;

import java.io.ByteArrayOutputStream;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.HandshakeType;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.TranscriptHash;

/**
 * The handshake transcript (RFC 8446 §4.4.1). The hash function is known only once the cipher suite is,
 * so messages before that are buffered; after a HelloRetryRequest the first ClientHello is replaced by the
 * synthetic message_hash message.
 */
public final class Transcript {
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private TranscriptHash hash;
    private CryptoBackend crypto;
    private CipherSuite.Hash algorithm;

    public void add(byte[] encodedMessage) {
        if (hash == null) {
            pending.write(encodedMessage, 0, encodedMessage.length);
        } else {
            hash.update(encodedMessage);
        }
    }

    /** Fixes the hash function and hashes what was buffered. Idempotent. */
    public void start(CryptoBackend backend, CipherSuite.Hash hashAlgorithm) {
        if (hash != null) {
            return;
        }
        crypto = backend;
        algorithm = hashAlgorithm;
        hash = backend.newTranscriptHash(hashAlgorithm);
        hash.update(pending.toByteArray());
        pending = null;
    }

    public boolean started() {
        return hash != null;
    }

    /** The hash of every message so far. */
    public byte[] hash() {
        return hash.current();
    }

    /** Replaces everything so far (ClientHello1) by message_hash(Hash(ClientHello1)) for a HelloRetryRequest. */
    public void replaceWithMessageHash() {
        byte[] h = hash.current();
        hash = crypto.newTranscriptHash(algorithm);
        hash.update(new byte[] {(byte) HandshakeType.MESSAGE_HASH.code(), 0, 0, (byte) h.length});
        hash.update(h);
    }
}
