package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

class SignatureSchemesTest {
    @Test
    void keyMatchesTable() throws Exception {
        KeyPair p256 = JdkSignaturesTest.ec("secp256r1");
        KeyPair p384 = JdkSignaturesTest.ec("secp384r1");
        KeyPair p521 = JdkSignaturesTest.ec("secp521r1");
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(1024); // size is not what keyMatches judges; small keeps the test fast
        KeyPair rsa = rsaGen.generateKeyPair();
        KeyPairGenerator pssGen = KeyPairGenerator.getInstance("RSASSA-PSS");
        pssGen.initialize(1024);
        KeyPair pss = pssGen.generateKeyPair();

        assertEquals(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256), SignatureSchemes.schemesFor(p256.getPublic()));
        assertEquals(List.of(SignatureScheme.ECDSA_SECP384R1_SHA384), SignatureSchemes.schemesFor(p384.getPublic()));
        assertEquals(List.of(SignatureScheme.ECDSA_SECP521R1_SHA512), SignatureSchemes.schemesFor(p521.getPublic()));
        assertEquals(List.of(SignatureScheme.ED25519), SignatureSchemes.schemesFor(ed.getPublic()));
        assertEquals(List.of(), SignatureSchemes.schemesFor(ed448.getPublic()));
        assertEquals(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256,
                SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512),
                SignatureSchemes.schemesFor(rsa.getPublic()));
        assertEquals(List.of(SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
                SignatureScheme.RSA_PSS_PSS_SHA512), SignatureSchemes.schemesFor(pss.getPublic()));

        KeyPair[] pairs = {p256, p384, p521, ed, ed448, rsa, pss};
        for (KeyPair kp : pairs) {
            for (SignatureScheme s : SignatureScheme.values()) {
                assertEquals(SignatureSchemes.keyMatches(s, kp.getPublic()), SignatureSchemes.keyMatches(s, kp.getPrivate()),
                        s + " " + kp.getPublic().getAlgorithm());
            }
        }
    }

    @Test
    void bouncyCastleKeysMatchByCurveToo() throws Exception {
        java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
        g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        KeyPair kp = g.generateKeyPair();
        assertEquals(List.of(SignatureScheme.ECDSA_SECP384R1_SHA384), SignatureSchemes.schemesFor(kp.getPublic()));
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519", bc).generateKeyPair();
        assertEquals(List.of(SignatureScheme.ED25519), SignatureSchemes.schemesFor(ed.getPublic()));
        assertEquals(true, SignatureSchemes.keyMatches(SignatureScheme.ED25519, ed.getPrivate()));
    }

    /**
     * RFC 8446 §4.2.3 binds an ECDSA scheme to its curve; RFC 5246 §7.4.1.4.1 / RFC 8422 §5.1.1 read the same code point
     * as (hash, ECDSA) on any curve. Both readings, for public and private keys, and what the backends may compute.
     */
    @Test
    void ecdsaIsCurveBoundInTls13AndHashOnlyInTls12() throws Exception {
        KeyPair p256 = JdkSignaturesTest.ec("secp256r1");
        KeyPair p384 = JdkSignaturesTest.ec("secp384r1");
        KeyPair p521 = JdkSignaturesTest.ec("secp521r1");
        List<SignatureScheme> ecdsa = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512);
        KeyPair[] byCurve = {p256, p384, p521};
        for (int k = 0; k < byCurve.length; k++) {
            for (int s = 0; s < ecdsa.size(); s++) {
                SignatureScheme scheme = ecdsa.get(s);
                String what = scheme + " with key " + k;
                assertEquals(k == s, SignatureSchemes.keyMatches(scheme, byCurve[k].getPublic(), ProtocolVersion.TLS13), what);
                assertEquals(k == s, SignatureSchemes.keyMatches(scheme, byCurve[k].getPrivate(), ProtocolVersion.TLS13), what);
                assertEquals(k == s, SignatureSchemes.keyMatches(scheme, byCurve[k].getPublic()), what + " (curve-bound)");
                assertEquals(true, SignatureSchemes.keyMatches(scheme, byCurve[k].getPublic(), ProtocolVersion.TLS12), what);
                assertEquals(true, SignatureSchemes.keyMatches(scheme, byCurve[k].getPrivate(), ProtocolVersion.TLS12), what);
                assertEquals(true, SignatureSchemes.keyCanCompute(scheme, byCurve[k].getPrivate()), what);
            }
        }
    }

    @Test
    void tls12ReadingStillNeedsAnEcKeyOnACurveWeKnow() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(1024);
        KeyPair rsa = rsaGen.generateKeyPair();
        KeyPair p256 = JdkSignaturesTest.ec("secp256r1");
        for (ProtocolVersion v : ProtocolVersion.values()) {
            assertEquals(false, SignatureSchemes.keyMatches(SignatureScheme.ECDSA_SECP256R1_SHA256, rsa.getPublic(), v));
            assertEquals(false, SignatureSchemes.keyMatches(SignatureScheme.ECDSA_SECP384R1_SHA384, ed.getPublic(), v));
            assertEquals(false, SignatureSchemes.keyMatches(SignatureScheme.RSA_PSS_RSAE_SHA256, p256.getPublic(), v));
            assertEquals(false, SignatureSchemes.keyMatches(SignatureScheme.ED25519, p256.getPublic(), v));
            assertEquals(true, SignatureSchemes.keyMatches(SignatureScheme.RSA_PKCS1_SHA384, rsa.getPublic(), v));
            assertEquals(false, SignatureSchemes.keyMatches(null, rsa.getPublic(), v));
        }
        // A curve that is none of P-256/P-384/P-521 fits no ECDSA scheme in either reading.
        java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
        KeyPair k1 = g.generateKeyPair();
        assertEquals(false, SignatureSchemes.keyMatches(SignatureScheme.ECDSA_SECP256R1_SHA256, k1.getPublic(), ProtocolVersion.TLS12));
        assertEquals(false, SignatureSchemes.keyCanCompute(SignatureScheme.ECDSA_SECP256R1_SHA256, k1.getPrivate()));
    }
}
