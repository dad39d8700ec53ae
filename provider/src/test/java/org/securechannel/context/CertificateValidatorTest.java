package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

class CertificateValidatorTest {
    private static final CertificateValidator SERVER_CHECK = CertificateValidator
            .builder(CertificateValidator.Role.SERVER, List.of(Pairs.PKI.root())).build();

    /** The server's chain as a client with manual validation receives it: the handshake does not judge it. */
    private static List<X509Certificate> received(Consumer<TestPki.LeafOptions> leaf) throws Exception {
        TestPki.Issued cert = Pairs.PKI.issue(TestPki.KeyType.EC_P256, leaf);
        Credentials server = Credentials.server().certificate(cert.chain(), cert.key()).build();
        Credentials client = Credentials.client().manualCredentialValidation(true).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"), SecurityContext.server(server)).handshake()) {
            return p.client.peerCertificates();
        }
    }

    private static ValidationFailure failure(CertificateValidator v, List<X509Certificate> chain, String host) {
        return assertThrows(CertificateValidationException.class, () -> v.validate(chain, host)).failure();
    }

    @Test
    void aGoodChainPasses() throws Exception {
        SERVER_CHECK.validate(received(o -> o.dnsNames("localhost")), "localhost");
        SERVER_CHECK.validate(received(o -> o.dnsNames("localhost")), null);
    }

    @Test
    void expiredAndNotYetValid() throws Exception {
        assertEquals(ValidationFailure.EXPIRED, failure(SERVER_CHECK, received(o -> o.dnsNames("localhost").expiredDaysAgo(3)), "localhost"));
        Instant soon = Instant.now().plus(Duration.ofDays(2));
        assertEquals(ValidationFailure.NOT_YET_VALID, failure(SERVER_CHECK,
                received(o -> o.dnsNames("localhost").notBefore(soon).notAfter(soon.plus(Duration.ofDays(9)))), "localhost"));
        CertificateValidator later = CertificateValidator.builder(CertificateValidator.Role.SERVER, List.of(Pairs.PKI.root()))
                .date(Instant.now().plus(Duration.ofDays(60))).build();
        assertEquals(ValidationFailure.EXPIRED, failure(later, received(o -> o.dnsNames("localhost")), "localhost"));
    }

    @Test
    void wrongHost() throws Exception {
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> SERVER_CHECK.validate(received(o -> o.dnsNames("localhost")), "example.com"));
        assertEquals(ValidationFailure.WRONG_HOST, e.failure());
        assertTrue(e.getMessage().contains("example.com"), e.getMessage());
    }

    @Test
    void untrustedRoot() throws Exception {
        CertificateValidator otherCa = CertificateValidator.builder(CertificateValidator.Role.SERVER,
                List.of(TestPki.ca(TestPki.KeyType.EC_P256).root())).build();
        assertEquals(ValidationFailure.UNTRUSTED_ROOT, failure(otherCa, received(o -> o.dnsNames("localhost")), "localhost"));
        // Without the root in the chain, too.
        assertEquals(ValidationFailure.UNTRUSTED_ROOT, failure(otherCa, received(o -> o.dnsNames("localhost")).subList(0, 1), "localhost"));
    }

    @Test
    void wrongExtendedKeyUsage() throws Exception {
        List<X509Certificate> clientOnly = received(o -> o.dnsNames("localhost").extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        assertEquals(ValidationFailure.WRONG_USAGE, failure(SERVER_CHECK, clientOnly, "localhost"));
        CertificateValidator clientCheck = CertificateValidator.builder(CertificateValidator.Role.CLIENT, List.of(Pairs.PKI.root())).build();
        clientCheck.validate(clientOnly, null);
        List<X509Certificate> serverOnly = received(o -> o.dnsNames("localhost").extendedKeyUsages(TestPki.Usage.SERVER_AUTH));
        assertEquals(ValidationFailure.WRONG_USAGE, failure(clientCheck, serverOnly, null));
        SERVER_CHECK.validate(received(o -> o.dnsNames("localhost").noExtendedKeyUsages()), "localhost");
    }

    @Test
    void malformed() {
        assertEquals(ValidationFailure.MALFORMED, failure(SERVER_CHECK, List.of(), "localhost"));
        assertEquals(ValidationFailure.MALFORMED, failure(SERVER_CHECK, null, "localhost"));
    }

    @Test
    void revocationFromCrls() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair caKeys = g.generateKeyPair();
        KeyPair leafKeys = g.generateKeyPair();
        X500Principal caName = new X500Principal("CN=CRL test CA");
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
        Date from = new Date(System.currentTimeMillis() - 86_400_000L);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        JcaX509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKeys.getPublic());
        cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(cab.build(signer));
        JcaX509v3CertificateBuilder lb = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
                new X500Principal("CN=revoked leaf"), leafKeys.getPublic());
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(lb.build(signer));
        X509v2CRLBuilder crl = new JcaX509v2CRLBuilder(caName, from);
        crl.setNextUpdate(to);
        crl.addCRLEntry(BigInteger.TWO, from, CRLReason.keyCompromise);
        X509CRL revoked = new JcaX509CRLConverter().getCRL(crl.build(signer));
        X509CRL empty = new JcaX509CRLConverter().getCRL(new JcaX509v2CRLBuilder(caName, from).setNextUpdate(to).build(signer));

        CertificateValidator.Builder b = CertificateValidator.builder(CertificateValidator.Role.SERVER, List.of(ca));
        b.build().validate(List.of(leaf, ca), null); // revocation is off by default
        assertEquals(ValidationFailure.REVOKED, failure(CertificateValidator.builder(CertificateValidator.Role.SERVER, List.of(ca))
                .crls(List.of(revoked)).build(), List.of(leaf, ca), null));
        CertificateValidator.builder(CertificateValidator.Role.SERVER, List.of(ca)).crls(List.of(empty)).build()
                .validate(List.of(leaf), null);
        assertEquals(ValidationFailure.REVOCATION_UNKNOWN, failure(CertificateValidator.builder(CertificateValidator.Role.SERVER,
                List.of(ca)).crls(List.of(new JcaX509CRLConverter().getCRL(new JcaX509v2CRLBuilder(new X500Principal("CN=someone else"), from)
                .setNextUpdate(to).build(signer)))).build(), List.of(leaf), null));
    }
}
