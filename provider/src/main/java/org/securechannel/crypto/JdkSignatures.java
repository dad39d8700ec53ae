package org.securechannel.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.securechannel.codec.SignatureScheme;

/** Maps each TLS signature scheme onto a configured JCA Signature. */
final class JdkSignatures {
    private JdkSignatures() {
    }

    static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature s = newSignature(scheme);
        s.initSign(key);
        configure(scheme, s);
        s.update(message);
        return s.sign();
    }

    /** False for every failure: a malformed signature or an unusable key is simply not a valid one. */
    static boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (scheme == null || key == null || message == null || signature == null) {
            return false;
        }
        if (scheme == SignatureScheme.ED25519 && signature.length != 64) {
            // RFC 8032 §5.1.7: a signature is exactly 64 bytes. JDK 17's verify ignores trailing bytes
            // (JDK 25 does not); we refuse them on every JDK so both backends judge alike.
            return false;
        }
        if (isEcdsa(scheme) && !EcdsaSignatureDer.isStrict(signature)) {
            // The JDK's decoder is lenient (see EcdsaSignatureDer); we refuse what Bouncy Castle refuses.
            return false;
        }
        try {
            Signature s = newSignature(scheme);
            s.initVerify(key);
            configure(scheme, s);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isEcdsa(SignatureScheme scheme) {
        return scheme == SignatureScheme.ECDSA_SECP256R1_SHA256 || scheme == SignatureScheme.ECDSA_SECP384R1_SHA384
                || scheme == SignatureScheme.ECDSA_SECP521R1_SHA512;
    }

    private static Signature newSignature(SignatureScheme scheme) throws GeneralSecurityException {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256: return Signature.getInstance("SHA256withECDSA");
            case ECDSA_SECP384R1_SHA384: return Signature.getInstance("SHA384withECDSA");
            case ECDSA_SECP521R1_SHA512: return Signature.getInstance("SHA512withECDSA");
            case ED25519: return Signature.getInstance("Ed25519");
            case RSA_PKCS1_SHA256: return Signature.getInstance("SHA256withRSA");
            case RSA_PKCS1_SHA384: return Signature.getInstance("SHA384withRSA");
            case RSA_PKCS1_SHA512: return Signature.getInstance("SHA512withRSA");
            default:
                if (pssHash(scheme) != null) {
                    return Signature.getInstance("RSASSA-PSS");
                }
                throw new GeneralSecurityException("unsupported scheme " + scheme);
        }
    }

    /** RSASSA-PSS needs explicit parameters: RFC 8446 §4.2.3 fixes MGF1 with the same hash, salt = hash length. */
    private static void configure(SignatureScheme scheme, Signature s) throws GeneralSecurityException {
        String hash = pssHash(scheme);
        if (hash != null) {
            int saltLength = "SHA-256".equals(hash) ? 32 : "SHA-384".equals(hash) ? 48 : 64;
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        }
    }

    private static String pssHash(SignatureScheme scheme) {
        switch (scheme) {
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_PSS_SHA256:
                return "SHA-256";
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_PSS_SHA384:
                return "SHA-384";
            case RSA_PSS_RSAE_SHA512:
            case RSA_PSS_PSS_SHA512:
                return "SHA-512";
            default:
                return null;
        }
    }
}
