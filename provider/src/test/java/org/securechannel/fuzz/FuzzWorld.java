package org.securechannel.fuzz;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * The fixed world every fuzz target runs in. Keys come from seeded generators and certificates have fixed
 * serials and dates, and Ed25519 signatures are deterministic, so a certificate made here is the same byte for
 * byte in every run: a recorded flight committed to a corpus keeps verifying. With {@link #deterministic} the
 * contexts' randomness (hello randoms, session ids, key shares) is seeded too, so two runs of the same
 * handshake put the same bytes on the wire.
 */
final class FuzzWorld {
    static final String HOST = "localhost";
    static final KeyPair SERVER_KEY = ed25519(1);
    static final KeyPair CLIENT_KEY = ed25519(2);
    static final X509Certificate SERVER_CERT = selfSigned(SERVER_KEY, HOST, 1);
    static final X509Certificate CLIENT_CERT = selfSigned(CLIENT_KEY, "fuzz-client", 2);

    private FuzzWorld() {
    }

    /** A SecureRandom that gives the same bytes for the same seed (SUN's SHA1PRNG seeded before first use). */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG", "SUN");
            r.setSeed(seed);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * No tickets: they are sealed with Tink's own randomness, which this deterministic world cannot seed, and the
     * committed flights must be reproducible. Ticket parsing is fuzzed through the ClientHello (pre_shared_key is
     * decoded whether or not tickets are on) and the codec targets.
     */
    static Credentials.Builder serverCredentials() {
        return Credentials.server().certificate(List.of(SERVER_CERT), SERVER_KEY.getPrivate())
                .trustAnchors(List.of(CLIENT_CERT)).sessionTickets(0);
    }

    static Credentials.Builder clientCredentials(boolean withCertificate) {
        Credentials.Builder b = Credentials.client().trustAnchors(List.of(SERVER_CERT));
        return withCertificate ? b.certificate(List.of(CLIENT_CERT), CLIENT_KEY.getPrivate()) : b;
    }

    /** A context pair whose wire bytes are the same in every run (see the class comment). */
    static SecurityContext deterministicClient(Credentials.Builder b) {
        return SecurityContext.client(b.crypto(new DeterministicBackend(11)).random(seeded(12)).build(), HOST);
    }

    static SecurityContext deterministicServer(Credentials.Builder b) {
        return SecurityContext.server(b.crypto(new DeterministicBackend(21)).random(seeded(22)).build());
    }

    private static KeyPair ed25519(long seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, seeded(seed));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CA:true and keyCertSign, so the JDK's PKIX trust manager accepts it as its own anchor. */
    private static X509Certificate selfSigned(KeyPair kp, String dnsName, long serial) {
        try {
            X500Principal name = new X500Principal("CN=" + dnsName);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial),
                    Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2099-12-31T00:00:00Z")),
                    name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("Ed25519").build(kp.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the fuzz world's certificate", e);
        }
    }
}
