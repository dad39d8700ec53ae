package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Issue 15, no silent fallback: every SSLContext name SunJSSE answers to is ours too (so a provider list with
 * SecureChannel first never hands an application SunJSSE), and asking an engine or socket for versions or suites we
 * refuse is an IllegalArgumentException that says why, not an empty setting that fails at the handshake.
 */
class NoSilentFallbackTest {
    private static final Provider OURS = new SecureChannelProvider();

    /**
     * SunJSSE's SSLContext algorithms as the running JDK registers them, and the aliases it documents; DTLS
     * (datagram TLS, a protocol of its own that SecureChannel does not implement) is left to SunJSSE, see below.
     */
    static Stream<String> sunJsseContextNames() {
        List<String> names = new ArrayList<>(List.of("SSL", "SSLv3"));
        Security.getProvider("SunJSSE").getServices().stream().filter(s -> s.getType().equals("SSLContext"))
                .forEach(s -> names.add(s.getAlgorithm()));
        return names.stream().distinct().filter(n -> !n.startsWith("DTLS"));
    }

    /** Not a fallback: an application asking for DTLS gets a clear NoSuchAlgorithmException from us, never TLS. */
    @Test
    void dtlsIsNotOffered() {
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> SSLContext.getInstance("DTLS", OURS));
    }

    @ParameterizedTest
    @MethodSource("sunJsseContextNames")
    void everySunJsseContextNameIsOurs(String name) throws Exception {
        SSLContext ctx = SSLContext.getInstance(name, OURS);
        assertEquals(SecureChannelProvider.NAME, ctx.getProvider().getName());
        if (!name.equals("Default")) {
            ctx.init(null, null, null);
        }
        SSLEngine client = ctx.createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        List<String> enabled = List.of(client.getEnabledProtocols());
        assertTrue(List.of("TLSv1.3", "TLSv1.2").containsAll(enabled) && !enabled.isEmpty(), name + ": " + enabled);
        assertTrue(client.getClass().getName().startsWith("org.securechannel."), client.getClass().getName());
    }

    /** The legacy version names enable the oldest version we speak on a client; TLS/SSL enable both. */
    @Test
    void legacyNamesEnableTls12OnAClient() throws Exception {
        for (String legacy : List.of("TLSv1.1", "TLSv1", "SSLv3")) {
            SSLContext ctx = SSLContext.getInstance(legacy, OURS);
            ctx.init(null, null, null);
            SSLEngine e = ctx.createSSLEngine();
            e.setUseClientMode(true);
            assertArrayEquals(new String[] {"TLSv1.2"}, e.getEnabledProtocols(), legacy);
        }
        SSLContext ssl = SSLContext.getInstance("SSL", OURS);
        ssl.init(null, null, null);
        SSLEngine e = ssl.createSSLEngine();
        e.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, e.getEnabledProtocols());
    }

    private static SSLEngine engine() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", OURS);
        ctx.init(null, null, null);
        return ctx.createSSLEngine();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSLv3", "TLSv1", "TLSv1.1", "SSLv2Hello"})
    void refusedProtocolAloneIsAnError(String protocol) throws Exception {
        SSLEngine e = engine();
        String[] before = e.getEnabledProtocols();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.setEnabledProtocols(new String[] {protocol}));
        assertTrue(x.getMessage().contains(protocol) && x.getMessage().contains("RFC"), x.getMessage());
        assertArrayEquals(before, e.getEnabledProtocols(), "a refused setting must leave the old one");
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        assertThrows(IllegalArgumentException.class, () -> e.setSSLParameters(p));
    }

    @Test
    void refusedProtocolsInAMixedListAreLeftOut() throws Exception {
        SSLEngine e = engine();
        e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"});
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, e.getEnabledProtocols());
    }

    @Test
    void unknownProtocolIsRefusedAsSunJsseRefusesIt() throws Exception {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> engine().setEnabledProtocols(new String[] {"TLSv1.3", "TLSv9"}));
        assertTrue(x.getMessage().contains("TLSv9"), x.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_AES_128_CCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"})
    void refusedSuiteAloneIsAnErrorNamingTheReason(String suite) throws Exception {
        SSLEngine e = engine();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.setEnabledCipherSuites(new String[] {suite}));
        assertTrue(x.getMessage().contains(suite), x.getMessage());
        assertTrue(x.getMessage().contains("AEAD") || x.getMessage().contains("forward secrecy")
                || x.getMessage().contains("not implemented"), x.getMessage());
    }

    @Test
    void sunJsseSupportedListKeepsOnlyOurs() throws Exception {
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(null, null, null);
        SSLEngine e = engine();
        e.setEnabledCipherSuites(sun.getSupportedSSLParameters().getCipherSuites());
        List<String> ours = List.of(e.getSupportedCipherSuites());
        assertEquals(ours.size(), e.getEnabledCipherSuites().length);
        assertTrue(ours.containsAll(List.of(e.getEnabledCipherSuites())));
    }

    @Test
    void unknownSuiteIsRefusedAsSunJsseRefusesIt() throws Exception {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> engine().setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "no such suite"}));
        assertTrue(x.getMessage().startsWith("Unsupported CipherSuite"), x.getMessage());
    }

    @Test
    void socketsRefuseTheSameWay() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", OURS);
        ctx.init(null, null, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> s.setEnabledProtocols(new String[] {"TLSv1"}));
            assertTrue(x.getMessage().contains("RFC 8996"), x.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"}));
        }
    }

    /** A foreign peer: an application that asked for "TLSv1" gets our TLS 1.2 client, which SunJSSE's server accepts. */
    @Test
    void legacyContextTalksTls12ToSunJsse() throws Exception {
        TestPki.Issued server = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, SunJsseEngines.HOST);
        SSLContext sun = SunJsseEngines.context(server);
        SSLEngine sunServer = sun.createSSLEngine();
        sunServer.setUseClientMode(false);
        sunServer.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        SSLContext legacy = SSLContext.getInstance("TLSv1", OURS);
        legacy.init(null, new javax.net.ssl.TrustManager[] {trusting(server.root())}, null);
        SSLEngine ourClient = legacy.createSSLEngine(SunJsseEngines.HOST, 443);
        ourClient.setUseClientMode(true);
        EnginePair.handshake(ourClient, sunServer);
        assertEquals("TLSv1.2", ourClient.getSession().getProtocol());
        assertEquals("TLSv1.2", sunServer.getSession().getProtocol());
    }

    private static javax.net.ssl.X509TrustManager trusting(java.security.cert.X509Certificate root) throws Exception {
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", root);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
    }
}
