package org.securechannel.testing;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.securechannel.testing.TestPki.KeyType;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs a certificate with the issuer's key and hands it back as a plain JDK certificate. */
final class Signing {
    // A private instance, never added with Security.addProvider: tests must not change global JCA state.
    private static final Provider BC = new BouncyCastleProvider();

    private Signing() {
    }

    /** The algorithm a CA of this key type signs with. */
    static String algorithmFor(KeyType issuerType) {
        switch (issuerType) {
            case EC_P256: return "SHA256withECDSA";
            case EC_P384: return "SHA384withECDSA";
            case RSA_2048: return "SHA256withRSA";
            case RSA_PSS_2048: return "SHA256withRSAandMGF1";
            case ED25519: return "Ed25519";
            default: throw new IllegalArgumentException(issuerType.name());
        }
    }

    static X509Certificate sign(X509v3CertificateBuilder builder, KeyType issuerType, PrivateKey issuerKey)
            throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder(algorithmFor(issuerType)).setProvider(BC).build(issuerKey);
        byte[] der = builder.build(signer).getEncoded();
        // Re-parse with the JDK so code under test sees sun.security.x509 objects, as in production.
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }
}
