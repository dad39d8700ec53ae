package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/** The SSLEngine adapter against itself: statuses, buffers, closes and failures per DESIGN §3. */
class SecureChannelEngineTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static TestPki.Issued serverId;
    private static TestPki.Issued clientId;
    private static TestPki.Issued strangerId;
    private static KeyManager[] serverKeys;
    private static TrustManager[] trust;

    @BeforeAll
    static void pki() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, "server.example");
        clientId = ca.issue(TestPki.KeyType.EC_P256, "client.example");
        strangerId = TestPki.selfSigned(TestPki.KeyType.EC_P256, "server.example");
        serverKeys = EngineLoop.keyManagers("SunX509", serverId);
        trust = EngineLoop.trustManagers(ca.root());
    }

    private static EngineLoop pair(KeyManager[] serverKm, KeyManager[] clientKm, TrustManager[] clientTrust) throws Exception {
        SSLEngine client = EngineLoop.context(PROVIDER, clientKm, clientTrust).createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        SSLEngine server = EngineLoop.context(PROVIDER, serverKm, trust).createSSLEngine();
        server.setUseClientMode(false);
        return new EngineLoop(client, server);
    }

    @Test
    void providerRegistersTheContexts() throws Exception {
        assertEquals("SecureChannel", PROVIDER.getName());
        for (String name : List.of("TLS", "TLSv1.3", "TLSv1.2", "Default")) {
            assertEquals(PROVIDER, SSLContext.getInstance(name, PROVIDER).getProvider(), name);
        }
        // Issue 15: SunJSSE's legacy names are ours too (the TLS 1.2 context), so they never fall back to SunJSSE.
        assertEquals(PROVIDER.getService("SSLContext", "TLSv1.2").getClassName(),
                PROVIDER.getService("SSLContext", "TLSv1.1").getClassName());
        SSLContext d = SSLContext.getInstance("Default", PROVIDER);
        assertThrows(KeyManagementException.class, () -> d.init(null, null, null));
        SSLParameters p = d.getSupportedSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, p.getProtocols());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
                List.of(p.getCipherSuites()));
    }

    @Test
    void providerIsFoundByServiceLoaderAndByInsertProviderAt() throws Exception {
        // Listed for the class path and, when run as a module, provided by the module descriptor.
        try (var in = SecureChannelProvider.class.getResourceAsStream("/META-INF/services/java.security.Provider")) {
            assertEquals(SecureChannelProvider.class.getName(), new String(in.readAllBytes(), "UTF-8").trim());
        }
        Module module = SecureChannelProvider.class.getModule();
        if (module.isNamed()) {
            assertTrue(module.getDescriptor().provides().stream().anyMatch(p -> p.service().equals(Provider.class.getName())
                    && p.providers().contains(SecureChannelProvider.class.getName())));
        }
        Security.insertProviderAt(new SecureChannelProvider(), 1);
        try {
            assertEquals("SecureChannel", SSLContext.getInstance("TLS").getProvider().getName());
        } finally {
            Security.removeProvider("SecureChannel");
        }
    }

    @Test
    void handshakeDataAndSessionFinishedExactlyOnce() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust);
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, loop.client.getHandshakeStatus());
        loop.handshake();
        assertEquals(1, loop.clientFinished, loop.log.toString());
        assertEquals(1, loop.serverFinished, loop.log.toString());
        assertArrayEquals("ping".getBytes(), loop.send(loop.client, "ping".getBytes()));
        byte[] big = new byte[100_000];
        new java.util.Random(1).nextBytes(big);
        assertArrayEquals(big, loop.send(loop.server, big));

        SSLSession cs = loop.client.getSession();
        assertEquals("TLSv1.3", cs.getProtocol());
        assertEquals("TLS_AES_128_GCM_SHA256", cs.getCipherSuite());
        assertEquals(serverId.leaf(), cs.getPeerCertificates()[0]);
        assertEquals(serverId.leaf().getSubjectX500Principal(), cs.getPeerPrincipal());
        assertNull(cs.getLocalCertificates());
        assertEquals("server.example", cs.getPeerHost());
        assertEquals(443, cs.getPeerPort());
        assertEquals(32, cs.getId().length);
        assertTrue(cs.getPacketBufferSize() >= 5 + 16384 + 256);
        assertTrue(cs.getApplicationBufferSize() >= 16384);
        assertEquals(List.of(new SNIHostName("server.example")), ((ExtendedSSLSession) cs).getRequestedServerNames());
        SSLSession ss = loop.server.getSession();
        assertThrows(SSLPeerUnverifiedException.class, ss::getPeerCertificates);
        assertEquals(serverId.leaf(), ss.getLocalCertificates()[0]);
        assertEquals(List.of(new SNIHostName("server.example")), ((ExtendedSSLSession) ss).getRequestedServerNames());
        assertEquals(cs, Collections.list(cs.getSessionContext().getIds()).stream()
                .map(id -> cs.getSessionContext().getSession(id)).findFirst().orElseThrow());
        assertEquals("", loop.client.getApplicationProtocol());
        assertNull(loop.client.getHandshakeSession());
    }

    @Test
    void sessionValuesNotifyBindingListeners() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        SSLSession s = loop.client.getSession();
        List<String> events = new ArrayList<>();
        SSLSessionBindingListener listener = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent e) {
                events.add("bound " + e.getName());
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent e) {
                events.add("unbound " + e.getName());
            }
        };
        s.putValue("a", listener);
        assertEquals(listener, s.getValue("a"));
        assertArrayEquals(new String[] {"a"}, s.getValueNames());
        s.removeValue("a");
        assertEquals(List.of("bound a", "unbound a"), events);
        assertTrue(s.isValid());
        s.invalidate();
        assertFalse(s.isValid());
    }

    @Test
    void overflowAndUnderflowConsumeNothing() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust);
        loop.client.beginHandshake();
        ByteBuffer tiny = ByteBuffer.allocate(10);
        SSLEngineResult r = loop.client.wrap(ByteBuffer.allocate(0), tiny);
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesProduced());
        assertEquals(0, tiny.position());
        ByteBuffer hello = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        r = loop.client.wrap(ByteBuffer.allocate(0), hello);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(HandshakeStatus.NEED_UNWRAP, r.getHandshakeStatus());
        hello.flip();
        ByteBuffer part = hello.duplicate();
        part.limit(part.position() + 20);
        r = loop.server.unwrap(part, ByteBuffer.allocate(100));
        assertEquals(SSLEngineResult.Status.BUFFER_UNDERFLOW, r.getStatus());
        assertEquals(0, part.position());
        r = loop.server.unwrap(hello, ByteBuffer.allocate(0));
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(HandshakeStatus.NEED_WRAP, r.getHandshakeStatus());
        assertFalse(hello.hasRemaining());
    }

    @Test
    void applicationDataOverflowsASmallDestination() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        ByteBuffer wire = ByteBuffer.allocate(20_000);
        ByteBuffer data = ByteBuffer.wrap(new byte[1000]);
        SSLEngineResult r = loop.client.wrap(data, ByteBuffer.allocate(100));
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, data.position());
        loop.client.wrap(data, wire);
        wire.flip();
        r = loop.server.unwrap(wire, ByteBuffer.allocate(999));
        assertEquals(SSLEngineResult.Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, wire.position());
        // Scattered over several small buffers it fits.
        ByteBuffer[] dsts = {ByteBuffer.allocate(600), ByteBuffer.allocate(600)};
        r = loop.server.unwrap(wire, dsts);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(1000, r.bytesProduced());
        assertEquals(600, dsts[0].position());
        assertEquals(400, dsts[1].position());
        // Gathered from several sources.
        ByteBuffer[] srcs = {ByteBuffer.wrap("ab".getBytes()), ByteBuffer.allocate(0), ByteBuffer.wrap("cd".getBytes())};
        wire.clear();
        r = loop.client.wrap(srcs, wire);
        assertEquals(4, r.bytesConsumed());
        assertFalse(srcs[2].hasRemaining());
        wire.flip();
        ByteBuffer got = ByteBuffer.allocate(100);
        loop.server.unwrap(wire, got);
        assertEquals("abcd", new String(got.array(), 0, got.position()));
    }

    @Test
    void clientClosesFirst() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        closeFrom(loop.client, loop.server);
    }

    @Test
    void serverClosesFirst() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        closeFrom(loop.server, loop.client);
    }

    private static void closeFrom(SSLEngine first, SSLEngine second) throws Exception {
        first.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, first.getHandshakeStatus());
        ByteBuffer wire = ByteBuffer.allocate(20_000);
        SSLEngineResult r = first.wrap(ByteBuffer.allocate(0), wire);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        assertTrue(first.isOutboundDone());
        assertFalse(first.isInboundDone());
        wire.flip();
        r = second.unwrap(wire, ByteBuffer.allocate(20_000));
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(second.isInboundDone());
        second.closeOutbound();
        wire.clear();
        r = second.wrap(ByteBuffer.allocate(0), wire);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(second.isOutboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, second.getHandshakeStatus());
        wire.flip();
        r = first.unwrap(wire, ByteBuffer.allocate(20_000));
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(first.isInboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, first.getHandshakeStatus());
    }

    @Test
    void closeInboundWithoutCloseNotifyComplainsButCloses() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        SSLException e = assertThrows(SSLException.class, loop.client::closeInbound);
        assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
        assertTrue(loop.client.isInboundDone());
        ByteBuffer wire = ByteBuffer.allocate(1000);
        assertEquals(SSLEngineResult.Status.CLOSED, loop.client.wrap(ByteBuffer.allocate(0), wire).getStatus());
        assertTrue(loop.client.isOutboundDone());
    }

    @Test
    void untrustedServerFailsTheHandshakeAndTheAlertLeavesOnTheNextWrap() throws Exception {
        EngineLoop loop = pair(EngineLoop.keyManagers("SunX509", strangerId), null, trust);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, loop::handshake);
        assertTrue(e.getMessage().contains("unknown CA") || e.getMessage().contains("unknown_ca"), e.getMessage());
        assertNotNull(e.getCause());
        assertEquals(HandshakeStatus.NEED_WRAP, loop.client.getHandshakeStatus());
        ByteBuffer alert = ByteBuffer.allocate(1000);
        SSLEngineResult r = loop.client.wrap(ByteBuffer.allocate(0), alert);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        assertTrue(loop.client.isOutboundDone());
        assertTrue(loop.client.isInboundDone());
        // The server hears about it.
        loop.toServer.clear();
        alert.flip();
        SSLException onServer = assertThrows(SSLException.class, () -> loop.server.unwrap(alert, ByteBuffer.allocate(20_000)));
        assertTrue(onServer.getMessage().contains("unknown_ca"), onServer.getMessage());
    }

    @Test
    void hostNamesAreCheckedOnlyWithEndpointIdentification() throws Exception {
        EngineLoop wrongName = pair(serverKeys, null, trust);
        SSLEngine client = EngineLoop.context(PROVIDER, null, trust).createSSLEngine("other.example", 443);
        client.setUseClientMode(true);
        EngineLoop loop = new EngineLoop(client, wrongName.server);
        loop.handshake(); // no endpoint identification: the chain is trusted, the name is not checked
        assertEquals(1, loop.clientFinished);

        SSLEngine checking = EngineLoop.context(PROVIDER, null, trust).createSSLEngine("other.example", 443);
        checking.setUseClientMode(true);
        SSLParameters p = checking.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        checking.setSSLParameters(p);
        SSLEngine server = EngineLoop.context(PROVIDER, serverKeys, trust).createSSLEngine();
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, new EngineLoop(checking, server)::handshake);
        assertTrue(e.getMessage().contains("other.example"), e.getMessage());
    }

    @Test
    void alpnFromParametersAndFromTheSelector() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust);
        SSLParameters cp = loop.client.getSSLParameters();
        cp.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        loop.client.setSSLParameters(cp);
        SSLParameters sp = loop.server.getSSLParameters();
        sp.setApplicationProtocols(new String[] {"http/1.1"});
        loop.server.setSSLParameters(sp);
        loop.handshake();
        assertEquals("http/1.1", loop.client.getApplicationProtocol());
        assertEquals("http/1.1", loop.server.getApplicationProtocol());

        EngineLoop selected = pair(serverKeys, null, trust);
        selected.client.setSSLParameters(cp);
        List<List<String>> offered = new ArrayList<>();
        selected.server.setHandshakeApplicationProtocolSelector((engine, protocols) -> {
            assertEquals(selected.server, engine);
            offered.add(protocols);
            return "h2";
        });
        selected.handshake();
        assertEquals(List.of(List.of("h2", "http/1.1")), offered);
        assertEquals("h2", selected.client.getApplicationProtocol());
    }

    @Test
    void needClientAuthWithSunJsseManagers() throws Exception {
        EngineLoop loop = pair(serverKeys, EngineLoop.keyManagers("SunX509", clientId), trust);
        loop.server.setNeedClientAuth(true);
        loop.handshake();
        assertEquals(clientId.leaf(), loop.server.getSession().getPeerCertificates()[0]);
        assertEquals(clientId.leaf(), loop.client.getSession().getLocalCertificates()[0]);

        EngineLoop anonymous = pair(serverKeys, null, trust);
        anonymous.server.setNeedClientAuth(true);
        assertThrows(SSLHandshakeException.class, anonymous::handshake);
    }

    /**
     * SunJSSE's "PKIX" (NewSunX509) key manager reads the requested server names and the peer's signature
     * algorithms from the handshake session and skips certificates those do not allow: the session must
     * carry them when it is called.
     */
    @Test
    void sunJssePkixKeyManagersOnBothSides() throws Exception {
        EngineLoop loop = pair(EngineLoop.keyManagers("PKIX", serverId), EngineLoop.keyManagers("PKIX", clientId), trust);
        loop.server.setNeedClientAuth(true);
        loop.handshake();
        assertEquals(serverId.leaf(), loop.client.getSession().getPeerCertificates()[0]);
        assertEquals(clientId.leaf(), loop.server.getSession().getPeerCertificates()[0]);
        assertTrue(List.of(((ExtendedSSLSession) loop.server.getSession()).getPeerSupportedSignatureAlgorithms())
                .contains("SHA256withECDSA"));
    }

    @Test
    void noEnabledProtocolFailsClearly() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust);
        // Issue 15: a refused version alone is refused at once, with the reason; an empty list fails at the handshake.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> loop.client.setEnabledProtocols(new String[] {"TLSv1.1"}));
        assertTrue(refused.getMessage().contains("RFC 8996"), refused.getMessage());
        loop.client.setEnabledProtocols(new String[0]);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, loop.client::beginHandshake);
        assertTrue(e.getMessage().contains("No appropriate protocol"), e.getMessage());
    }

    @Test
    void protocolPropertyIsReadWhenTheContextIsInitialised() throws Exception {
        String old = System.getProperty("jdk.tls.client.protocols");
        System.setProperty("jdk.tls.client.protocols", "TLSv1.1");
        try {
            SSLEngine client = EngineLoop.context(PROVIDER, null, trust).createSSLEngine("server.example", 443);
            client.setUseClientMode(true);
            assertEquals(0, client.getEnabledProtocols().length);
            assertThrows(SSLHandshakeException.class, client::beginHandshake);
        } finally {
            if (old == null) {
                System.clearProperty("jdk.tls.client.protocols");
            } else {
                System.setProperty("jdk.tls.client.protocols", old);
            }
        }
    }

    @Test
    void disabledAlgorithmsRemoveSuitesByName() throws Exception {
        String old = Security.getProperty("jdk.tls.disabledAlgorithms");
        Security.setProperty("jdk.tls.disabledAlgorithms", old + ", TLS_AES_128_GCM_SHA256");
        try {
            SSLContext c = EngineLoop.context(PROVIDER, null, trust);
            assertFalse(List.of(c.getSupportedSSLParameters().getCipherSuites()).contains("TLS_AES_128_GCM_SHA256"));
        } finally {
            Security.setProperty("jdk.tls.disabledAlgorithms", old);
        }
    }

    /**
     * The one-buffer wrap and unwrap (overridden so they allocate no array) behave as the array forms: one
     * record per unwrap, the caller's limit left as it was, null buffers refused as SunJSSE refuses them.
     */
    @Test
    void oneBufferWrapAndUnwrapKeepTheCallersBuffersIntact() throws Exception {
        EngineLoop loop = pair(serverKeys, null, trust).handshake();
        ByteBuffer wire = ByteBuffer.allocate(1 << 15);
        assertEquals(SSLEngineResult.Status.OK, loop.client.wrap(ByteBuffer.wrap("first".getBytes()), wire).getStatus());
        ByteBuffer[] gathered = {ByteBuffer.wrap("sec".getBytes()), ByteBuffer.allocate(0), ByteBuffer.wrap("ond".getBytes())};
        SSLEngineResult gatherResult = loop.client.wrap(gathered, wire);
        assertEquals(6, gatherResult.bytesConsumed());
        assertFalse(gathered[0].hasRemaining() || gathered[2].hasRemaining());
        wire.flip();
        int limit = wire.limit();

        ByteBuffer app = ByteBuffer.allocate(100);
        SSLEngineResult r = loop.server.unwrap(wire, app);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(limit, wire.limit(), "unwrap restores the source's limit");
        assertTrue(wire.hasRemaining(), "one record per unwrap");
        assertEquals("first", new String(app.array(), 0, app.position()));
        ByteBuffer[] scattered = {ByteBuffer.allocate(2), ByteBuffer.allocate(100)};
        r = loop.server.unwrap(wire, scattered);
        assertEquals(6, r.bytesProduced());
        assertFalse(wire.hasRemaining());
        assertEquals(limit, wire.limit());
        assertEquals("se", new String(scattered[0].array()));
        assertEquals("cond", new String(scattered[1].array(), 0, scattered[1].position()));

        assertThrows(IllegalArgumentException.class, () -> loop.client.wrap((ByteBuffer) null, ByteBuffer.allocate(100)));
        assertThrows(IllegalArgumentException.class, () -> loop.client.wrap(ByteBuffer.allocate(1), null));
        assertThrows(IllegalArgumentException.class,
                () -> loop.client.wrap(new ByteBuffer[] {null}, ByteBuffer.allocate(100)));
        assertThrows(IllegalArgumentException.class, () -> loop.server.unwrap(null, ByteBuffer.allocate(100)));
        assertThrows(IllegalArgumentException.class, () -> loop.server.unwrap(ByteBuffer.allocate(1), (ByteBuffer) null));
        assertThrows(IllegalArgumentException.class,
                () -> loop.server.unwrap(ByteBuffer.allocate(1), new ByteBuffer[] {null}));
    }

    /**
     * A server flight longer than the engine's first outbox (a certificate with hundreds of names: ~10 KB)
     * leaves in more than one wrap, and the handshake completes as with any other chain.
     */
    @Test
    void aFlightLongerThanTheFirstOutboxGrowsIt() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        String[] names = new String[400];
        names[0] = "server.example";
        for (int i = 1; i < names.length; i++) {
            names[i] = "host-" + i + ".a-rather-long-subdomain.server.example";
        }
        TestPki.Issued big = ca.issue(TestPki.KeyType.EC_P256, o -> o.dnsNames(names));
        assertTrue(big.leaf().getEncoded().length > 8192, "the certificate alone exceeds the first outbox");
        EngineLoop loop = pair(EngineLoop.keyManagers("SunX509", big), null, EngineLoop.trustManagers(ca.root()));
        loop.handshake();
        long serverWraps = loop.log.stream().filter(l -> l.startsWith("server wrap") && !l.endsWith("->0")).count();
        assertTrue(serverWraps >= 2, "the flight left in several wraps: " + loop.log);
        assertEquals(big.leaf(), loop.client.getSession().getPeerCertificates()[0]);
        ByteBuffer wire = ByteBuffer.allocate(1 << 15);
        loop.client.wrap(ByteBuffer.wrap("after".getBytes()), wire);
        wire.flip();
        ByteBuffer app = ByteBuffer.allocate(64);
        loop.server.unwrap(wire, app);
        assertEquals("after", new String(app.array(), 0, app.position()));
    }
}
