package org.securechannel.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/** Every primitive through the JDK's own JCA providers: no third-party code on this path. */
final class JdkCryptoBackend implements CryptoBackend {
    static final JdkCryptoBackend INSTANCE = new JdkCryptoBackend();

    /** SecureRandom is thread-safe; one shared instance avoids reseeding per connection. */
    private final SecureRandom random = new SecureRandom();

    private JdkCryptoBackend() {
    }

    @Override
    public String name() {
        return "JDK";
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return new JdkRecordAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        switch (group) {
            case X25519:
                return JdkX25519KeyShare.generate();
            case SECP256R1:
            case SECP384R1:
                return JdkEcKeyShare.generate(group);
            case FFDHE2048:
            case FFDHE3072:
            case FFDHE4096:
                return FfdheKeyShare.generate(group, random);
            default:
                throw AlertException.internalError("unsupported group " + group, null);
        }
    }

    /**
     * One Mac per hash per platform thread (pooled for virtual threads: ScratchPool): Mac.getInstance walks the
     * provider list on every call (a few percent of a
     * handshake). Each use re-keys it, and {@link #release} re-keys it with a constant so that no secret's
     * HMAC state outlives the call. Nothing here calls out while a Mac is in use, so there is no re-entry.
     */
    private static final ScratchPool<Mac[]> MACS = new ScratchPool<>(
            () -> new Mac[CipherSuite.Hash.values().length]);
    private static final byte[] RELEASE_KEY = new byte[1];

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        Mac mac = newMac(hash, key);
        try {
            return mac.doFinal(data);
        } finally {
            release(hash, mac);
        }
    }

    private static Mac newMac(CipherSuite.Hash hash, byte[] key) {
        // SecretKeySpec refuses an empty key; HMAC zero-pads keys to the block size, so one zero byte is
        // the same key as none.
        byte[] k = key == null || key.length == 0 ? new byte[1] : key;
        try {
            Mac[] macs = MACS.take();
            Mac mac;
            try {
                mac = macs[hash.ordinal()];
                // Taken out while in use; release puts it back.
                macs[hash.ordinal()] = null;
            } finally {
                MACS.give(macs);
            }
            if (mac == null) {
                mac = Mac.getInstance(hash.hmacName());
            }
            mac.init(new SecretKeySpec(k, hash.hmacName()));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(hash.hmacName() + " unavailable", e);
        }
    }

    private static void release(CipherSuite.Hash hash, Mac mac) {
        try {
            mac.init(new SecretKeySpec(RELEASE_KEY, hash.hmacName()));
        } catch (InvalidKeyException e) {
            return;
        }
        Mac[] macs = MACS.take();
        macs[hash.ordinal()] = mac;
        MACS.give(macs);
    }

    @Override
    public byte[] hkdfExtract(CipherSuite.Hash hash, byte[] salt, byte[] ikm) {
        // RFC 5869 §2.2: an absent salt is HashLen zero bytes.
        byte[] s = salt == null || salt.length == 0 ? new byte[hash.length()] : salt;
        return hmac(hash, s, ikm == null ? new byte[0] : ikm);
    }

    @Override
    public byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        int hashLen = hash.length();
        if (length < 0 || length > 255 * hashLen) {
            throw new IllegalArgumentException("HKDF-Expand length out of range: " + length);
        }
        Mac mac = newMac(hash, prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            // T(i) = HMAC(PRK, T(i-1) | info | i)
            mac.update(t);
            if (info != null) {
                mac.update(info);
            }
            mac.update((byte) i);
            byte[] next = mac.doFinal();
            Arrays.fill(t, (byte) 0);
            t = next;
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        release(hash, mac);
        return out;
    }

    @Override
    public TranscriptHash newTranscriptHash(CipherSuite.Hash hash) {
        return new JdkTranscriptHash(hash);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        try {
            return JdkSignatures.sign(scheme, key, message);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.internalError("cannot sign with " + scheme.ianaName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return JdkSignatures.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return random;
    }
}
