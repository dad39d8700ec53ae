package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Our server speaking TLS 1.2 (RFC 5246 + 7627 + 8422) to SunJSSE's client, in memory: every suite with the
 * certificate type it needs, every group, data both ways; the version front picking TLS 1.3 when the client
 * can, and refusing what RFC 9325 rules out.
 */
class Tls12ServerTest {
    private static final String HOST = "tls12.test";
    private static TestPki pki;
    private static TestPki.Issued ecLeaf;
    private static TestPki.Issued rsaLeaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        ecLeaf = pki.issue(KeyType.EC_P256, HOST);
        rsaLeaf = pki.issue(KeyType.RSA_2048, HOST);
    }

    private static List<CipherSuite> allSuites() {
        return Credentials.DEFAULT_SUITES;
    }

    private static SecurityContext server(TestPki.Issued leaf, NamedGroup... groups) {
        Credentials.Builder b = Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(allSuites());
        if (groups.length > 0) {
            b.groups(groups);
        }
        return SecurityContext.server(b.build());
    }

    private static SSLEngine sunClient(String protocol, String... suites) throws Exception {
        SSLEngine e = SunJssePeer.context(protocol, null, pki.root()).createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        if (suites.length > 0) {
            e.setEnabledCipherSuites(suites);
        }
        return e;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("org.securechannel.context.Tls12ClientTest#suitesAndGroups")
    void everySuiteAndGroupWithSunJsse(CipherSuite suite, NamedGroup group) throws Exception {
        TestPki.Issued leaf = suite.authentication() == CipherSuite.Authentication.RSA ? rsaLeaf : ecLeaf;
        try (SecurityContext server = server(leaf, group)) {
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2", suite.name()), server).handshake();
            ConnectionInfo info = server.connectionInfo();
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(suite, info.cipherSuite());
            assertEquals(group, info.group());
            assertEquals("TLSv1.2", p.engine.getSession().getProtocol());
            assertEquals(suite.name(), p.engine.getSession().getCipherSuite());

            p.wrap(ByteBuffer.wrap("hello from SunJSSE".getBytes(StandardCharsets.UTF_8)));
            assertEquals("hello from SunJSSE", new String(p.ourPlaintext(), StandardCharsets.UTF_8));
            byte[] big = new byte[40_000];
            new java.util.Random(7).nextBytes(big);
            p.encryptOurs(big);
            assertArrayEquals(big, p.theirPlaintext());
        }
    }

    @Test
    void aClientThatCanDoTls13GetsTls13() throws Exception {
        try (SecurityContext server = server(ecLeaf)) {
            SunJssePeer p = new SunJssePeer(sunClient("TLS"), server).handshake();
            assertEquals(ProtocolVersion.TLS13, server.connectionInfo().version());
            assertEquals("TLSv1.3", p.engine.getSession().getProtocol());
        }
    }

    @Test
    void tls13OnlyServerRefusesATls12ClientWithProtocolVersion() throws Exception {
        try (SecurityContext server = SecurityContext.server(Credentials.server().certificate(ecLeaf.chain(), ecLeaf.key())
                .cipherSuites(Credentials.DEFAULT_TLS13_SUITES).build())) {
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2"), server);
            p.pumpTheirs();
            SecurityContextException e = assertThrows(SecurityContextException.class, p::stepOurs);
            assertEquals(Reason.PROTOCOL_VERSION, e.reason(), e.getMessage());
        }
    }

    @Test
    void withoutASuiteInCommonItIsHandshakeFailure() throws Exception {
        try (SecurityContext server = server(ecLeaf)) {
            // SunJSSE's CBC suite: RFC 9325 rules it out, we never offer it.
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), server);
            p.pumpTheirs();
            SecurityContextException e = assertThrows(SecurityContextException.class, p::stepOurs);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e.getMessage());
        }
    }

    @Test
    void rsaSuiteWithOnlyAnEcCertificateIsHandshakeFailure() throws Exception {
        try (SecurityContext server = server(ecLeaf)) {
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), server);
            p.pumpTheirs();
            SecurityContextException e = assertThrows(SecurityContextException.class, p::stepOurs);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e.getMessage());
        }
    }

    @Test
    void alpnAndSniOverTls12() throws Exception {
        Credentials c = Credentials.server().certificate(ecLeaf.chain(), ecLeaf.key()).cipherSuites(allSuites())
                .applicationProtocols("h2", "http/1.1").build();
        try (SecurityContext server = SecurityContext.server(c)) {
            SSLEngine client = sunClient("TLSv1.2");
            SSLParameters params = client.getSSLParameters();
            params.setApplicationProtocols(new String[] {"http/1.1", "h2"});
            params.setServerNames(List.of(new javax.net.ssl.SNIHostName(HOST)));
            client.setSSLParameters(params);
            SunJssePeer p = new SunJssePeer(client, server).handshake();
            assertEquals("h2", p.engine.getApplicationProtocol());
            assertEquals("h2", server.applicationProtocol().orElseThrow());
            assertTrue(server instanceof TlsSecurityContext t && HOST.equals(t.serverName().orElseThrow()));
        }
    }

    @Test
    void keyUpdateIsRefusedOnTls12AndTheConnectionGoesOn() throws Exception {
        try (SecurityContext server = server(ecLeaf)) {
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2"), server).handshake();
            SecurityContextException e = assertThrows(SecurityContextException.class, () -> server.requestKeyUpdate(false));
            assertEquals(Reason.INVALID_STATE, e.reason());
            p.encryptOurs("still here".getBytes(StandardCharsets.UTF_8));
            assertEquals("still here", new String(p.theirPlaintext(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void closeNotifyBothWays() throws Exception {
        try (SecurityContext server = server(ecLeaf)) {
            SunJssePeer p = new SunJssePeer(sunClient("TLSv1.2"), server).handshake();
            p.engine.closeOutbound();
            p.wrap(ByteBuffer.allocate(0));
            ByteBuffer plain = ByteBuffer.allocate(1024);
            assertEquals(Status.CONTEXT_EXPIRED, server.decrypt(p.toOurs, plain).status());
            server.shutdown();
            p.stepOurs();
            p.pumpTheirs();
            assertTrue(p.engine.isInboundDone(), "SunJSSE read our close_notify");
        }
    }
}
