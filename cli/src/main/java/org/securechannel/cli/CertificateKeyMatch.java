package org.securechannel.cli;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Locale;

/**
 * Whether a certificate's public key is the pair of a private key, checked when the files are read: a server
 * started with the wrong key would otherwise fail every handshake (its CertificateVerify never verifies), which
 * a user sees only as the peers' decrypt_error alerts. RSA keys compare their modulus (a public parameter both
 * halves hold); EC and EdDSA keys sign a random challenge with the private key and verify it with the public
 * one, since their private halves do not carry the public point.
 */
final class CertificateKeyMatch {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateKeyMatch() {
    }

    /**
     * @param certSource names the certificate for the message (its file, or the key store entry)
     * @param keySource  names the private key for the message
     * @throws UsageException when the leaf's public key is not the pair of {@code key}, naming both sources
     */
    static void check(X509Certificate leaf, PrivateKey key, String certSource, String keySource) throws UsageException {
        PublicKey publicKey = leaf.getPublicKey();
        String certType = family(publicKey.getAlgorithm());
        String keyType = family(key.getAlgorithm());
        if (!certType.equals(keyType)) {
            throw mismatch(certSource, keySource, "the certificate holds " + article(certType) + " public key, the key file "
                    + article(keyType) + " private key");
        }
        boolean match;
        if (publicKey instanceof RSAKey && key instanceof RSAKey) {
            match = ((RSAKey) publicKey).getModulus().equals(((RSAKey) key).getModulus());
        } else if (publicKey instanceof ECKey && key instanceof ECKey
                && !sameCurve((ECKey) publicKey, (ECKey) key)) {
            match = false;
        } else {
            match = signatureVerifies(publicKey, key, certType, certSource, keySource);
        }
        if (!match) {
            throw mismatch(certSource, keySource, "the certificate's " + certType + " public key is not the pair of that "
                    + "private key");
        }
    }

    /** RSA, EC or EdDSA (the JDK names Ed25519 keys "EdDSA" or "Ed25519" depending on how they were made). */
    private static String family(String algorithm) {
        String a = algorithm.toUpperCase(Locale.ROOT);
        if (a.equals("RSA") || a.equals("RSASSA-PSS")) {
            return "RSA";
        }
        if (a.equals("EC") || a.equals("ECDSA")) {
            return "EC";
        }
        if (a.equals("EDDSA") || a.equals("ED25519") || a.equals("ED448")) {
            return "EdDSA";
        }
        return algorithm;
    }

    private static String article(String type) {
        return (type.startsWith("E") || type.startsWith("R") ? "an " : "a ") + type;
    }

    private static boolean sameCurve(ECKey a, ECKey b) {
        return a.getParams().getCurve().equals(b.getParams().getCurve())
                && a.getParams().getGenerator().equals(b.getParams().getGenerator());
    }

    private static boolean signatureVerifies(PublicKey publicKey, PrivateKey key, String type, String certSource,
            String keySource) throws UsageException {
        String algorithm = switch (type) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> key.getAlgorithm(); // "EdDSA", "Ed25519" or "Ed448": each names a JDK signature
            default -> throw mismatch(certSource, keySource, "cannot check a " + type + " key (RSA, EC and Ed25519 are "
                    + "supported)");
        };
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key the JDK cannot sign with, or a public key of another curve: no pair either way.
            return false;
        }
    }

    private static UsageException mismatch(String certSource, String keySource, String why) {
        return new UsageException(certSource + " and " + keySource + " do not match: " + why);
    }
}
