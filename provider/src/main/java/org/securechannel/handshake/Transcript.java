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

    /**
     * TLS 1.2's CertificateVerify signs the handshake messages themselves, not their hash (RFC 5246 §7.4.8):
     * while this is on, every message added is kept too. Off by default; a handshake that may need a
     * CertificateVerify turns it on before its first message and off once it no longer can.
     */
    private ByteArrayOutputStream kept;
    /**
     * The hash at the current point, once asked for, until the next message: reading it clones the running digest
     * (~0.5 KB of state), and both sides ask twice at some points (the server's Finished checked where the
     * application secrets were derived, the client's Finished sent there).
     */
    private byte[] current;

    public void keepMessages(boolean keep) {
        kept = keep ? (kept == null ? new ByteArrayOutputStream() : kept) : null;
    }

    /** Every message added since {@link #keepMessages} was turned on, concatenated. */
    public byte[] keptMessages() {
        if (kept == null) {
            throw new IllegalStateException("handshake messages are not being kept");
        }
        return kept.toByteArray();
    }

    public void add(byte[] encodedMessage) {
        current = null;
        if (kept != null) {
            kept.write(encodedMessage, 0, encodedMessage.length);
        }
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
        current = null;
    }

    public boolean started() {
        return hash != null;
    }

    /** The hash of every message so far (the caller's own copy). */
    public byte[] hash() {
        byte[] h = current;
        if (h == null) {
            h = hash.current();
            current = h;
        }
        return h.clone();
    }

    /** Replaces everything so far (ClientHello1) by message_hash(Hash(ClientHello1)) for a HelloRetryRequest. */
    public void replaceWithMessageHash() {
        byte[] h = hash.current();
        current = null;
        hash = crypto.newTranscriptHash(algorithm);
        hash.update(new byte[] {(byte) HandshakeType.MESSAGE_HASH.code(), 0, 0, (byte) h.length});
        hash.update(h);
    }
}
