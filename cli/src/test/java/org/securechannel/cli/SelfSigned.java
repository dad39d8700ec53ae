package org.securechannel.cli;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs of each type the server takes, and self-signed certificates for localhost over them (test only). */
final class SelfSigned {
    enum Type {
        RSA("RSA", "SHA256withRSA"), EC_P256("EC", "SHA256withECDSA"), EC_P384("EC", "SHA384withECDSA"),
        ED25519("Ed25519", "Ed25519");

        final String keyAlgorithm;
        final String signatureAlgorithm;

        Type(String keyAlgorithm, String signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        KeyPair generate() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance(keyAlgorithm);
            if (this == RSA) {
                g.initialize(2048);
            } else if (this == EC_P256) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else if (this == EC_P384) {
                g.initialize(new ECGenParameterSpec("secp384r1"));
            }
            return g.generateKeyPair();
        }
    }

    private SelfSigned() {
    }

    static X509Certificate certificate(Type type, KeyPair keys) throws Exception {
        Instant now = Instant.now();
        X500Principal name = new X500Principal("CN=localhost");
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        byte[] der = b.build(new JcaContentSignerBuilder(type.signatureAlgorithm).build(keys.getPrivate())).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
