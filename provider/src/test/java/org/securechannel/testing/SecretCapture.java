package org.securechannel.testing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.KeyShare;
import org.securechannel.crypto.RecordAead;
import org.securechannel.crypto.TranscriptHash;

/**
 * The default backend, watching HKDF-Expand-Label (RFC 8446 §7.1): the traffic secrets it derives are kept by
 * label ("c hs traffic", "s hs traffic", "c ap traffic", "s ap traffic"), so that a test can read or forge
 * protected records of a connection it runs, like a key log would let it. One instance per context.
 */
public final class SecretCapture implements CryptoBackend {
    private final CryptoBackend d = CryptoBackend.defaultBackend();
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    /** The last secret derived with {@code label} (without the "tls13 " prefix); fails when there is none. */
    public byte[] secret(String label) {
        byte[] s = secrets.get(label);
        if (s == null) {
            throw new AssertionError("no secret '" + label + "' derived; have " + secrets.keySet());
        }
        return s.clone();
    }

    @Override
    public byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        byte[] out = d.hkdfExpand(hash, prk, info, length);
        // HkdfLabel: uint16 length, opaque label<7..255> ("tls13 " + label), opaque context<0..255>.
        if (info != null && info.length >= 3 && 3 + (info[2] & 0xFF) <= info.length) {
            String label = new String(info, 3, info[2] & 0xFF, StandardCharsets.US_ASCII);
            if (label.startsWith("tls13 ") && label.endsWith(" traffic")) {
                secrets.put(label.substring(6), out.clone());
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "capture(" + d.name() + ")";
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return d.newAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        return d.generateKeyShare(group);
    }

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        return d.hmac(hash, key, data);
    }

    @Override
    public byte[] hkdfExtract(CipherSuite.Hash hash, byte[] salt, byte[] ikm) {
        return d.hkdfExtract(hash, salt, ikm);
    }

    @Override
    public TranscriptHash newTranscriptHash(CipherSuite.Hash hash) {
        return d.newTranscriptHash(hash);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        return d.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return d.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return d.random();
    }
}
