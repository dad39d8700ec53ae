package org.securechannel.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/**
 * The primitives the engine needs. Implementations are stateless and thread-safe; what they hand out
 * (AEADs, key shares, transcript hashes) belongs to one connection.
 */
public interface CryptoBackend {
    /** The default backend: the fastest correct primitive per operation, chosen by measurement. */
    static CryptoBackend defaultBackend() {
        return MeasuredDefaultBackend.INSTANCE;
    }

    String name();

    RecordAead newAead(CipherSuite.Aead algorithm, byte[] key);

    /**
     * The initiator's offer for {@code group} (a TLS 1.3 client's key_share entry; a TLS 1.2 server's
     * ServerKeyExchange): a fresh ephemeral key pair, completed later with the responder's share. internal_error
     * when the group is unavailable.
     */
    KeyShare generateKeyShare(NamedGroup group) throws AlertException;

    /**
     * Whether this backend does key exchange in {@code group}. Every backend does the classical groups; a hybrid
     * needs an ML-KEM implementation, which only backends that have one claim. Credentials drop the groups their
     * backend cannot do, so a handshake never offers one.
     */
    default boolean supports(NamedGroup group) {
        return !group.isHybrid();
    }

    /**
     * The responder's side, KEM-shaped (a TLS 1.3 server; a TLS 1.2 client): answers the initiator's share with
     * ours and the shared secret. An invalid initiator share is illegal_parameter. Diffie-Hellman groups answer
     * with a fresh key pair and the agreement; a KEM-based group (ML-KEM hybrids) overrides this with
     * encapsulation, and nothing in the handshake changes.
     */
    default KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare) throws AlertException {
        KeyShare ours = generateKeyShare(group);
        try {
            byte[] secret = ours.sharedSecret(initiatorShare);
            return new KeyExchangeResponse(ours.publicValue(), secret);
        } finally {
            ours.destroy();
        }
    }

    byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data);

    byte[] hkdfExtract(CipherSuite.Hash hash, byte[] salt, byte[] ikm);

    byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length);

    TranscriptHash newTranscriptHash(CipherSuite.Hash hash);

    /** Signs {@code message} with {@code scheme}; internal_error when the key cannot produce it. */
    byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException;

    /** False for any signature that does not verify, including malformed ones. */
    boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature);

    SecureRandom random();
}
