package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

class CertificateMappingTest {
    private static final Subject ALICE = AccountPrincipal.subjectOf("alice");

    static TestPki.Issued clientCert(Consumer<TestPki.LeafOptions> options) {
        return Pairs.PKI.issue(TestPki.KeyType.EC_P256, options);
    }

    static ContextPair pair(TestPki.Issued clientCert, CertificateMapper mapper, Credentials.ClientAuth auth) {
        Credentials server = Pairs.serverCredentials().toBuilder().clientAuth(auth)
                .trustAnchors(List.of(Pairs.PKI.root())).certificateMapper(mapper).build();
        Credentials.Builder client = Pairs.clientCredentials().toBuilder();
        if (clientCert != null) {
            client.certificate(clientCert.chain(), clientCert.key());
        }
        return new ContextPair(SecurityContext.client(client.build(), "localhost"), SecurityContext.server(server));
    }

    /** The handshake fails on the server with access_denied, and the client learns it from the alert. */
    static void assertAccessDenied(ContextPair p) {
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertEquals(Reason.ACCESS_DENIED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("maps to no account"), e.getMessage());
        p.toClient.write(e.alertToSend());
        SecurityContextException atClient = assertThrows(SecurityContextException.class,
                () -> p.receive(p.client, p.toClient)); // the client already finished: the alert comes as a record
        assertEquals(AlertDescription.ACCESS_DENIED, atClient.peerAlert());
    }

    @Test
    void bySubjectDn() throws Exception {
        TestPki.Issued cert = clientCert(o -> o.subject("CN=Alice, O=Example"));
        CertificateMapper mapper = CertificateMapper.bySubjectDn(Map.of(new X500Principal("cn=alice,o=example"), ALICE));
        try (ContextPair p = pair(cert, mapper, Credentials.ClientAuth.REQUIRED).handshake()) {
            assertEquals(Optional.of(ALICE), p.server.mappedSubject());
            assertEquals(Optional.empty(), p.client.mappedSubject());
        }
        assertAccessDenied(pair(clientCert(o -> o.subject("CN=Mallory")), mapper, Credentials.ClientAuth.REQUIRED));
    }

    @Test
    void byEmail() throws Exception {
        CertificateMapper mapper = CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.EMAIL,
                Map.of("alice@Example.COM", ALICE));
        try (ContextPair p = pair(clientCert(o -> o.emails("other@example.com", "alice@example.com")), mapper,
                Credentials.ClientAuth.REQUIRED).handshake()) {
            assertEquals(Optional.of(ALICE), p.server.mappedSubject());
        }
        assertAccessDenied(pair(clientCert(o -> o.emails("bob@example.com")), mapper, Credentials.ClientAuth.REQUIRED));
    }

    @Test
    void byDnsName() throws Exception {
        CertificateMapper mapper = CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.DNS,
                Map.of("Device7.example.net", ALICE));
        try (ContextPair p = pair(clientCert(o -> o.dnsNames("device7.example.net")), mapper,
                Credentials.ClientAuth.REQUIRED).handshake()) {
            assertEquals(Optional.of(ALICE), p.server.mappedSubject());
        }
        assertAccessDenied(pair(clientCert(o -> o.dnsNames("device8.example.net")), mapper, Credentials.ClientAuth.REQUIRED));
    }

    @Test
    void byIssuerAndSerial() throws Exception {
        TestPki.Issued cert = clientCert(o -> o.subject("CN=anyone"));
        CertificateMapper mapper = CertificateMapper.byIssuerAndSerial(
                Map.of(CertificateMapper.IssuerSerial.of(cert.leaf()), ALICE));
        try (ContextPair p = pair(cert, mapper, Credentials.ClientAuth.REQUIRED).handshake()) {
            assertEquals(Optional.of(ALICE), p.server.mappedSubject());
        }
        assertAccessDenied(pair(clientCert(o -> o.subject("CN=anyone")), mapper, Credentials.ClientAuth.REQUIRED));
    }

    @Test
    void anyLambdaAndOrElse() throws Exception {
        CertificateMapper never = chain -> Optional.empty();
        CertificateMapper byCn = chain -> Optional.of(AccountPrincipal.subjectOf(chain.get(0).getSubjectX500Principal().getName()));
        try (ContextPair p = pair(clientCert(o -> o.subject("CN=carol")), never.orElse(byCn),
                Credentials.ClientAuth.REQUIRED).handshake()) {
            assertEquals(Optional.of(new AccountPrincipal("CN=carol")),
                    p.server.mappedSubject().flatMap(s -> s.getPrincipals(AccountPrincipal.class).stream().findFirst()));
        }
        assertAccessDenied(pair(clientCert(o -> o.subject("CN=carol")), never, Credentials.ClientAuth.REQUIRED));
    }

    @Test
    void optionalClientAuthCompletesWithoutASubject() throws Exception {
        CertificateMapper never = chain -> Optional.empty();
        try (ContextPair p = pair(clientCert(o -> o.subject("CN=dave")), never, Credentials.ClientAuth.OPTIONAL).handshake()) {
            assertEquals(Optional.empty(), p.server.mappedSubject());
            assertEquals(1 + 1, p.server.peerCertificates().size());
        }
        try (ContextPair p = pair(null, never, Credentials.ClientAuth.OPTIONAL).handshake()) {
            assertEquals(Optional.empty(), p.server.mappedSubject());
        }
    }

    @Test
    void aThrowingMapperFailsTheHandshakeAsInternalError() {
        CertificateMapper broken = chain -> {
            throw new IllegalStateException("directory down");
        };
        ContextPair p = pair(clientCert(o -> o.subject("CN=erin")), broken, Credentials.ClientAuth.OPTIONAL);
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertEquals(Reason.INTERNAL_ERROR, e.reason());
        assertTrue(e.getMessage().contains("directory down"), e.getMessage());
    }

    @Test
    void mapperOnlyOnServerCredentials() {
        assertThrows(IllegalStateException.class, () -> Credentials.client().certificateMapper(c -> Optional.empty()).build());
    }

    @Test
    void upnOtherNameIsDecoded() throws Exception {
        X509Certificate cert = certificateWithUpn("alice@Corp.Example.com");
        assertEquals(List.of("alice@Corp.Example.com"), SubjectAltNames.of(cert, SubjectAltNames.Kind.UPN));
        assertEquals(List.of("www.example.com"), SubjectAltNames.of(cert, SubjectAltNames.Kind.DNS));
        assertEquals(List.of(), SubjectAltNames.of(cert, SubjectAltNames.Kind.EMAIL));
        CertificateMapper mapper = CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.UPN,
                Map.of("alice@corp.example.com", ALICE));
        assertEquals(Optional.of(ALICE), mapper.map(List.of(cert)));
        CertificateMapper other = CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.UPN,
                Map.of("bob@corp.example.com", ALICE));
        assertEquals(Optional.empty(), other.map(List.of(cert)));
    }

    @Test
    void malformedOtherNamesAreIgnored() {
        assertEquals(null, SubjectAltNames.upn(new byte[0]));
        assertEquals(null, SubjectAltNames.upn(new byte[] {0x30, (byte) 0x84, 0, 0, 0, 1}));
        assertEquals(null, SubjectAltNames.upn(new byte[] {0x30, 0x7F, 0x06}));
        // Another otherName type (1.2.3.4) with a UTF8String.
        assertEquals(null, SubjectAltNames.upn(new byte[] {0x30, 0x0A, 0x06, 0x03, 0x2A, 0x03, 0x04, (byte) 0xA0, 0x03, 0x0C, 0x01, 0x61}));
    }

    /** A self-signed certificate with a UPN otherName and a dNSName, built with Bouncy Castle (tests only). */
    private static X509Certificate certificateWithUpn(String upn) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        X500Principal name = new X500Principal("CN=upn test");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(now - 86_400_000L), new Date(now + 86_400_000L), name, kp.getPublic());
        ASN1Encodable otherName = new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERTaggedObject(true, 0, new DERUTF8String(upn))});
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.otherName, otherName), new GeneralName(GeneralName.dNSName, "www.example.com")}));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }
}
