package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * Which signature schemes a key can produce or verify: the one place the binding of a scheme to a key is decided,
 * for each protocol version ({@link #keyMatches(SignatureScheme, Key, ProtocolVersion)}).
 *
 * <p>The ECDSA code points mean different things in the two versions. TLS 1.3 (RFC 8446 §4.2.3) binds each to one
 * curve: {@code ecdsa_secp384r1_sha384} (0x0503) is P-384 with SHA-384 and nothing else. TLS 1.2 reads the same
 * two bytes as a (hash, signature) pair (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.1): 0x0403 is "SHA-256 with ECDSA" on
 * whatever curve the key is on, so a P-384 key may sign 0x0403 there. The digest comes from the scheme, the curve
 * from the key. Every other scheme reads the same in both versions.
 *
 * <p>An EC key is matched by its curve, identified by field size and group order (provider-neutral: JDK, Bouncy
 * Castle and PKCS#11 keys all expose an ECParameterSpec, but not a common curve name). Only P-256, P-384 and
 * P-521 keys match an ECDSA scheme in either version.
 */
public final class SignatureSchemes {
    private static final Curve P256 = Curve.of("secp256r1");
    private static final Curve P384 = Curve.of("secp384r1");
    private static final Curve P521 = Curve.of("secp521r1");
    /** DER of the Ed25519 OID 1.3.101.112, found in the X.509/PKCS#8 encoding of keys of other providers. */
    private static final byte[] ED25519_OID = {0x06, 0x03, 0x2B, 0x65, 0x70};

    private SignatureSchemes() {
    }

    /**
     * Whether {@code key} can produce or verify {@code s} as {@code version} reads the scheme: in TLS 1.3 an ECDSA
     * scheme fits only a key on its own curve; in TLS 1.2 it fits a key on any of P-256, P-384 and P-521.
     */
    public static boolean keyMatches(SignatureScheme s, Key key, ProtocolVersion version) {
        return matches(s, key, version == ProtocolVersion.TLS12);
    }

    /**
     * The curve-bound (TLS 1.3) reading, which also names a key's own scheme: what the certificate selectors match
     * keys by. The TLS 1.2 handshake asks them in these terms too and then picks the hash itself.
     */
    public static boolean keyMatches(SignatureScheme s, PublicKey key) {
        return matches(s, key, false);
    }

    /** As {@link #keyMatches(SignatureScheme, PublicKey)}. */
    public static boolean keyMatches(SignatureScheme s, PrivateKey key) {
        return matches(s, key, false);
    }

    /**
     * Whether a crypto backend can compute {@code s} with {@code key}: the scheme's algorithm and digest on the
     * key's own curve, the loosest reading of any version (TLS 1.2's). Which reading applies is the handshake's
     * to check before it signs or verifies; a backend refuses only what it cannot compute.
     */
    public static boolean keyCanCompute(SignatureScheme s, Key key) {
        return matches(s, key, true);
    }

    /** Every scheme the key can verify in TLS 1.3, in the enum's (preference) order. */
    public static List<SignatureScheme> schemesFor(PublicKey key) {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : SignatureScheme.values()) {
            if (matches(s, key, false)) {
                out.add(s);
            }
        }
        return out;
    }

    /** @param anyCurve whether an ECDSA scheme names only its hash (TLS 1.2) rather than also its curve (TLS 1.3) */
    private static boolean matches(SignatureScheme s, Key key, boolean anyCurve) {
        if (s == null || key == null) {
            return false;
        }
        String alg = key.getAlgorithm();
        switch (s) {
            case ECDSA_SECP256R1_SHA256:
                return anyCurve ? isOnOurCurve(key) : P256.is(key);
            case ECDSA_SECP384R1_SHA384:
                return anyCurve ? isOnOurCurve(key) : P384.is(key);
            case ECDSA_SECP521R1_SHA512:
                return anyCurve ? isOnOurCurve(key) : P521.is(key);
            case ED25519:
                return isEd25519(key);
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_RSAE_SHA512:
            case RSA_PKCS1_SHA256:
            case RSA_PKCS1_SHA384:
            case RSA_PKCS1_SHA512:
                return "RSA".equalsIgnoreCase(alg);
            case RSA_PSS_PSS_SHA256:
            case RSA_PSS_PSS_SHA384:
            case RSA_PSS_PSS_SHA512:
                return "RSASSA-PSS".equalsIgnoreCase(alg);
            default:
                return false;
        }
    }

    private static boolean isOnOurCurve(Key key) {
        return P256.is(key) || P384.is(key) || P521.is(key);
    }

    private static boolean isEd25519(Key key) {
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg)) {
            return true;
        }
        if (!"EdDSA".equalsIgnoreCase(alg)) {
            return false;
        }
        if (key instanceof EdECKey) {
            return "Ed25519".equalsIgnoreCase(((EdECKey) key).getParams().getName());
        }
        // An EdDSA key that does not expose its parameters: look for the Ed25519 OID in its encoding.
        byte[] enc = key.getEncoded();
        if (enc == null) {
            return false;
        }
        outer:
        for (int i = 0; i + ED25519_OID.length <= enc.length; i++) {
            for (int j = 0; j < ED25519_OID.length; j++) {
                if (enc[i + j] != ED25519_OID[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A named curve reduced to what identifies it across providers. */
    private static final class Curve {
        private final int fieldSize;
        private final BigInteger order;

        private Curve(int fieldSize, BigInteger order) {
            this.fieldSize = fieldSize;
            this.order = order;
        }

        static Curve of(String name) {
            try {
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(name));
                ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
                return new Curve(spec.getCurve().getField().getFieldSize(), spec.getOrder());
            } catch (GeneralSecurityException e) {
                // A JDK without the curve simply never matches keys on it.
                return new Curve(-1, BigInteger.ZERO);
            }
        }

        boolean is(Key key) {
            if (!(key instanceof ECKey)) {
                return false;
            }
            ECParameterSpec spec = ((ECKey) key).getParams();
            return spec != null && spec.getCurve().getField().getFieldSize() == fieldSize
                    && spec.getOrder().equals(order);
        }
    }
}
