package org.securechannel.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/**
 * Bouncy Castle's lightweight API for key exchange, signatures, HKDF and transcript hashes; record AEADs
 * stay on the JDK (DESIGN §4: its AES-GCM has hardware intrinsics, Bouncy Castle's pure-Java GCM does not).
 * Nothing here registers a JCA provider: keys arriving as JCA objects are converted to Bouncy Castle
 * parameters at the call.
 */
public final class BouncyCastleCryptoBackend implements CryptoBackend {
    public static final BouncyCastleCryptoBackend INSTANCE = new BouncyCastleCryptoBackend();

    private final SecureRandom random = new SecureRandom();

    private BouncyCastleCryptoBackend() {
    }

    @Override
    public String name() {
        return "BouncyCastle";
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return new JdkRecordAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        switch (group) {
            case X25519:
                return BouncyCastleX25519KeyShare.generate(random);
            case SECP256R1:
            case SECP384R1:
                return BouncyCastleEcKeyShare.generate(group, random);
            case FFDHE2048:
            case FFDHE3072:
            case FFDHE4096:
                // The JDK's DH (one implementation of the RFC 7919 rules for every backend); unmeasured
                // against Bouncy Castle's.
                return FfdheKeyShare.generate(group, random);
            case X25519_MLKEM768:
            case SECP256R1_MLKEM768:
            case SECP384R1_MLKEM1024:
                return HybridKeyShare.generate(group, this, BouncyCastleMlKem.INSTANCE, random);
            default:
                throw AlertException.internalError("unsupported group " + group, null);
        }
    }

    @Override
    public boolean supports(NamedGroup group) {
        return !group.isHybrid() || BouncyCastleAvailability.mlKem();
    }

    @Override
    public KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare) throws AlertException {
        if (group.isHybrid()) {
            return HybridKeyExchange.respond(group, initiatorShare, this, BouncyCastleMlKem.INSTANCE, random);
        }
        return CryptoBackend.super.respond(group, initiatorShare);
    }

    static Digest digest(CipherSuite.Hash hash) {
        return hash == CipherSuite.Hash.SHA256 ? new SHA256Digest() : new SHA384Digest();
    }

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        HMac mac = new HMac(digest(hash));
        mac.init(new KeyParameter(key == null ? new byte[0] : key));
        if (data != null) {
            mac.update(data, 0, data.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
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
        HMac mac = new HMac(digest(hash));
        KeyParameter key = new KeyParameter(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[hashLen];
        int tLength = 0;
        int done = 0;
        for (int i = 1; done < length; i++) {
            // T(i) = HMAC(PRK, T(i-1) | info | i)
            mac.init(key);
            mac.update(t, 0, tLength);
            if (info != null) {
                mac.update(info, 0, info.length);
            }
            mac.update((byte) i);
            mac.doFinal(t, 0);
            tLength = hashLen;
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    @Override
    public TranscriptHash newTranscriptHash(CipherSuite.Hash hash) {
        return new BouncyCastleTranscriptHash(hash);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        try {
            Signer s = signer(scheme);
            if (s == null || !SignatureSchemes.keyCanCompute(scheme, key)) {
                throw new IllegalArgumentException("key cannot produce " + scheme.ianaName());
            }
            CipherParameters params = privateParameters(key);
            s.init(true, scheme == SignatureScheme.ED25519 ? params : new ParametersWithRandom(params, random));
            s.update(message, 0, message.length);
            return s.generateSignature();
        } catch (Exception e) {
            throw AlertException.internalError("cannot sign with " + scheme.ianaName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (scheme == null || key == null || message == null || signature == null) {
            return false;
        }
        try {
            if (!SignatureSchemes.keyCanCompute(scheme, key)) {
                return false;
            }
            Digest ecdsaDigest = ecdsaDigest(scheme);
            if (ecdsaDigest != null && key instanceof ECPublicKey) {
                return BouncyCastleEcdsaVerifier.verify(ecdsaDigest, (ECPublicKey) key, message, signature);
            }
            Signer s = signer(scheme);
            if (s == null) {
                return false;
            }
            s.init(false, publicParameters(key));
            s.update(message, 0, message.length);
            return s.verifySignature(signature);
        } catch (Exception e) {
            return false;
        }
    }

    /** The message digest of an ECDSA scheme; null for every other scheme. */
    private static Digest ecdsaDigest(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256: return new SHA256Digest();
            case ECDSA_SECP384R1_SHA384: return new SHA384Digest();
            case ECDSA_SECP521R1_SHA512: return new SHA512Digest();
            default: return null;
        }
    }

    /** The signer for a scheme; ECDSA nonces are deterministic (RFC 6979), ECDSA signatures strict DER. */
    private static Signer signer(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256: return ecdsa(new SHA256Digest());
            case ECDSA_SECP384R1_SHA384: return ecdsa(new SHA384Digest());
            case ECDSA_SECP521R1_SHA512: return ecdsa(new SHA512Digest());
            case ED25519: return new Ed25519Signer();
            case RSA_PKCS1_SHA256: return new RSADigestSigner(new SHA256Digest());
            case RSA_PKCS1_SHA384: return new RSADigestSigner(new SHA384Digest());
            case RSA_PKCS1_SHA512: return new RSADigestSigner(new SHA512Digest());
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_PSS_SHA256:
                return pss(new SHA256Digest(), new SHA256Digest(), 32);
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_PSS_SHA384:
                return pss(new SHA384Digest(), new SHA384Digest(), 48);
            case RSA_PSS_RSAE_SHA512:
            case RSA_PSS_PSS_SHA512:
                return pss(new SHA512Digest(), new SHA512Digest(), 64);
            default:
                return null;
        }
    }

    private static Signer ecdsa(Digest digest) {
        Digest kDigest = digest instanceof SHA256Digest ? new SHA256Digest()
                : digest instanceof SHA384Digest ? new SHA384Digest() : new SHA512Digest();
        return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(kDigest)), digest,
                StandardDSAEncoding.INSTANCE);
    }

    /** RFC 8446 §4.2.3: MGF1 with the same hash, salt as long as the hash. */
    private static Signer pss(Digest digest, Digest mgfDigest, int saltLength) {
        AsymmetricBlockCipher rsa = new RSABlindedEngine();
        return new PSSSigner(rsa, digest, mgfDigest, saltLength);
    }

    static CipherParameters privateParameters(PrivateKey key) throws java.io.IOException {
        if (key instanceof ECPrivateKey) {
            ECPrivateKey ec = (ECPrivateKey) key;
            return new ECPrivateKeyParameters(ec.getS(), BouncyCastleCurves.domainOf(ec.getParams()));
        }
        if (key instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
            return new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                    k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
        }
        if (key instanceof java.security.interfaces.EdECPrivateKey) {
            byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("Ed25519 key without its bytes"));
            return new Ed25519PrivateKeyParameters(seed, 0);
        }
        // Anything else with a PKCS#8 encoding (keys of other providers).
        byte[] der = key.getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key without an encoding");
        }
        AsymmetricKeyParameter p = PrivateKeyFactory.createKey(der);
        if (p instanceof ECPrivateKeyParameters) {
            ECPrivateKeyParameters ec = (ECPrivateKeyParameters) p;
            return new ECPrivateKeyParameters(ec.getD(), BouncyCastleCurves.fast(ec.getParameters()));
        }
        return p;
    }

    static CipherParameters publicParameters(PublicKey key) throws java.io.IOException {
        if (key instanceof ECPublicKey) {
            ECPublicKey ec = (ECPublicKey) key;
            org.bouncycastle.crypto.params.ECDomainParameters domain = BouncyCastleCurves.domainOf(ec.getParams());
            return new ECPublicKeyParameters(domain.getCurve().validatePoint(ec.getW().getAffineX(),
                    ec.getW().getAffineY()), domain);
        }
        if (key instanceof RSAPublicKey) {
            RSAPublicKey k = (RSAPublicKey) key;
            return new RSAKeyParameters(false, k.getModulus(), k.getPublicExponent());
        }
        byte[] der = key.getEncoded();
        if (der == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key without an encoding");
        }
        AsymmetricKeyParameter p = PublicKeyFactory.createKey(der);
        if (p instanceof Ed25519PublicKeyParameters || p instanceof RSAKeyParameters) {
            return p;
        }
        if (p instanceof ECPublicKeyParameters) {
            ECPublicKeyParameters ec = (ECPublicKeyParameters) p;
            org.bouncycastle.crypto.params.ECDomainParameters domain = BouncyCastleCurves.fast(ec.getParameters());
            return new ECPublicKeyParameters(domain.getCurve().decodePoint(ec.getQ().getEncoded(false)), domain);
        }
        throw new IllegalArgumentException("unsupported public key " + key.getAlgorithm());
    }

    @Override
    public SecureRandom random() {
        return random;
    }
}
