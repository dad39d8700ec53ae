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
import org.securechannel.codec.SignatureScheme;

/**
 * Which signature schemes a key can produce or verify. TLS 1.3 binds ECDSA schemes to one curve each,
 * so an EC key is matched by its curve, identified by field size and group order (provider-neutral:
 * JDK, Bouncy Castle and PKCS#11 keys all expose an ECParameterSpec, but not a common curve name).
 */
public final class SignatureSchemes {
    private static final Curve P256 = Curve.of("secp256r1");
    private static final Curve P384 = Curve.of("secp384r1");
    private static final Curve P521 = Curve.of("secp521r1");
    /** DER of the Ed25519 OID 1.3.101.112, found in the X.509/PKCS#8 encoding of keys of other providers. */
    private static final byte[] ED25519_OID = {0x06, 0x03, 0x2B, 0x65, 0x70};

    private SignatureSchemes() {
    }

    public static boolean keyMatches(SignatureScheme s, PublicKey key) {
        return matches(s, key);
    }

    public static boolean keyMatches(SignatureScheme s, PrivateKey key) {
        return matches(s, key);
    }

    /** Every scheme the key can verify, in the enum's (preference) order. */
    public static List<SignatureScheme> schemesFor(PublicKey key) {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : SignatureScheme.values()) {
            if (matches(s, key)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean matches(SignatureScheme s, Key key) {
        if (s == null || key == null) {
            return false;
        }
        String alg = key.getAlgorithm();
        switch (s) {
            case ECDSA_SECP256R1_SHA256:
                return P256.is(key);
            case ECDSA_SECP384R1_SHA384:
                return P384.is(key);
            case ECDSA_SECP521R1_SHA512:
                return P521.is(key);
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
