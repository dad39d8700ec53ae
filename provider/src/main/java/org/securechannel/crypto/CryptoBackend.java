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

    /** A fresh ephemeral key pair; internal_error when the group is unavailable. */
    KeyShare generateKeyShare(NamedGroup group) throws AlertException;

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
