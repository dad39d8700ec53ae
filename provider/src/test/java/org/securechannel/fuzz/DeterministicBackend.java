package org.securechannel.fuzz;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.DelegatingBackend;
import org.securechannel.crypto.KeyShare;
import org.securechannel.crypto.RecordAead;

/**
 * The default backend with seeded randomness and x25519 key shares drawn from it, so a context built on it
 * produces the same hello (and so the same keys) in every run. The library's own x25519 code has no public
 * seeded constructor, so the shares here are the JDK's XDH: the deterministic targets therefore do not reach
 * the library's x25519 peer-value checks; the scripted-peer targets, which run on the default backend, do.
 */
final class DeterministicBackend extends DelegatingBackend {
    private final SecureRandom random;

    DeterministicBackend(long seed) {
        this.random = FuzzWorld.seeded(seed);
    }

    @Override
    public String name() {
        return "deterministic(" + d.name() + ")";
    }

    /**
     * A fresh JDK Cipher per record. The library's AEADs share a Cipher per thread, and the JDK refuses to
     * encrypt under the key and nonce of that Cipher's previous init: a guard against real nonce reuse that
     * deterministic contexts trip on purpose (every run derives the same keys). So these contexts do not run
     * the library's record AEADs; the scripted-peer targets, on the default backend, do.
     */
    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return new FreshCipherAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        return group == NamedGroup.X25519 ? new SeededX25519(random) : d.generateKeyShare(group);
    }

    /**
     * No hybrids: ML-KEM has no seeded key generation here, so a hybrid would make the flights differ per run.
     * The contexts then negotiate x25519 as the recorded seeds do.
     */
    @Override
    public boolean supports(NamedGroup group) {
        return !group.isHybrid();
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    static final class FreshCipherAead implements RecordAead {
        private final boolean chacha;
        private final javax.crypto.spec.SecretKeySpec key;

        FreshCipherAead(CipherSuite.Aead algorithm, byte[] key) {
            this.chacha = algorithm == CipherSuite.Aead.CHACHA20_POLY1305;
            this.key = new javax.crypto.spec.SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        }

        private javax.crypto.Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            c.init(mode, key, chacha ? new javax.crypto.spec.IvParameterSpec(nonce)
                    : new javax.crypto.spec.GCMParameterSpec(128, nonce));
            return c;
        }

        @Override
        public int tagLength() {
            return 16;
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, java.nio.ByteBuffer plaintext, int trailer, java.nio.ByteBuffer out)
                throws AlertException {
            try {
                javax.crypto.Cipher c = cipher(javax.crypto.Cipher.ENCRYPT_MODE, nonce);
                c.updateAAD(aad);
                byte[] in = new byte[plaintext.remaining() + (trailer >= 0 ? 1 : 0)];
                plaintext.get(in, 0, plaintext.remaining());
                if (trailer >= 0) {
                    in[in.length - 1] = (byte) trailer;
                }
                out.put(c.doFinal(in));
            } catch (GeneralSecurityException e) {
                throw AlertException.internalError("seal failed", e);
            }
        }

        @Override
        public void open(byte[] nonce, byte[] aad, java.nio.ByteBuffer in, int ciphertextLength, java.nio.ByteBuffer out)
                throws AlertException {
            // As the library's AEADs do: a record too short for a tag is a forgery, like one whose tag is wrong.
            if (ciphertextLength < 16) {
                throw new AlertException(org.securechannel.codec.AlertDescription.BAD_RECORD_MAC, "record shorter than a tag");
            }
            byte[] ct = new byte[ciphertextLength];
            in.get(ct);
            try {
                javax.crypto.Cipher c = cipher(javax.crypto.Cipher.DECRYPT_MODE, nonce);
                c.updateAAD(aad);
                out.put(c.doFinal(ct));
            } catch (GeneralSecurityException | java.security.ProviderException e) {
                throw new AlertException(org.securechannel.codec.AlertDescription.BAD_RECORD_MAC, "bad record mac");
            }
        }

        @Override
        public void destroy() {
        }
    }

    /** x25519 through the JDK's XDH with a private key drawn from the seeded random. */
    static final class SeededX25519 implements KeyShare {
        private final PrivateKey privateKey;
        private final byte[] publicValue;

        SeededX25519(SecureRandom random) throws AlertException {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
                g.initialize(NamedParameterSpec.X25519, random);
                KeyPair pair = g.generateKeyPair();
                privateKey = pair.getPrivate();
                publicValue = littleEndian(((XECPublicKey) pair.getPublic()).getU());
            } catch (GeneralSecurityException e) {
                throw AlertException.internalError("x25519 unavailable", e);
            }
        }

        @Override
        public NamedGroup group() {
            return NamedGroup.X25519;
        }

        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }

        @Override
        public byte[] sharedSecret(byte[] peer) throws AlertException {
            if (peer.length != 32) {
                throw AlertException.illegalParameter("x25519 share of " + peer.length + " bytes");
            }
            try {
                byte[] be = new byte[32];
                for (int i = 0; i < 32; i++) {
                    be[i] = peer[31 - i];
                }
                be[0] &= 0x7F;
                PublicKey pub = KeyFactory.getInstance("X25519")
                        .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
                KeyAgreement ka = KeyAgreement.getInstance("X25519");
                ka.init(privateKey);
                ka.doPhase(pub, true);
                return ka.generateSecret();
            } catch (GeneralSecurityException e) {
                // The JDK refuses an all-zero result (small-order peer values).
                throw AlertException.illegalParameter("x25519 peer value refused: " + e.getMessage());
            }
        }

        /** The JDK's private key cannot be wiped; the public value stays readable (it is public). */
        @Override
        public void destroy() {
        }

        private static byte[] littleEndian(BigInteger u) {
            byte[] be = u.toByteArray();
            byte[] le = new byte[32];
            for (int i = 0; i < 32 && i < be.length; i++) {
                le[i] = be[be.length - 1 - i];
            }
            return le;
        }
    }
}
