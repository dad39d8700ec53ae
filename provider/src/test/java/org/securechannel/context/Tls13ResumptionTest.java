package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSession;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.SessionState;
import org.securechannel.session.TinkTicketSealer;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.3 resumption with tickets (RFC 8446 §2.2, §4.2.11, §4.6.1), engine to engine: the server issues tickets
 * after every handshake, the client keeps them per host, port and SNI name and offers one (once) on its next
 * connection; every reason a ticket cannot be used is a full handshake, and only a binder that does not verify is
 * an error (decrypt_error).
 */
@Timeout(30)
class Tls13ResumptionTest {
    private static final String HOST = "resume13.test";
    private static final int PORT = 8443;
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST, "other.test");
    }

    private static Credentials.Builder server() {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(Credentials.DEFAULT_TLS13_SUITES);
    }

    private static Credentials client(ClientSessionStore store, AtomicInteger serverChecks) {
        return Credentials.client().trustManager(CountingTrust.of(pki.root(), serverChecks)).clientSessionStore(store).build();
    }

    /** A full or resumed connection; the client reads what the server sent after the handshake (its tickets). */
    private static ContextPair connect(Credentials client, String host, Credentials server) throws SecurityContextException {
        ContextPair p = new ContextPair(SecurityContext.client(client, host, PORT, null), SecurityContext.server(server)).handshake();
        p.receive(p.client, p.toClient);
        return p;
    }

    @Test
    void secondConnectionResumesWithoutCertificatesAndDataFlows() throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        AtomicInteger checks = new AtomicInteger();
        Credentials c = client(store, checks);
        Credentials s = server().build();
        byte[] firstExport;
        try (ContextPair first = connect(c, HOST, s)) {
            assertFalse(first.client.connectionInfo().resumed());
            assertFalse(first.server.connectionInfo().resumed());
            firstExport = first.client.exportKeyingMaterial("EXPORTER-test", null, 32);
        }
        assertEquals(1, checks.get());
        assertEquals(2, store.size(), "two tickets per handshake, the default");
        try (ContextPair second = connect(c, HOST, s)) {
            ConnectionInfo info = second.client.connectionInfo();
            assertTrue(info.resumed(), "client");
            assertTrue(second.server.connectionInfo().resumed(), "server");
            assertEquals(ProtocolVersion.TLS13, info.version());
            assertEquals(1, checks.get(), "the resumed handshake checked no chain");
            assertEquals(leaf.leaf(), second.client.peerCertificates().get(0), "the session's chain is reported again");
            byte[] export = second.client.exportKeyingMaterial("EXPORTER-test", null, 32);
            assertArrayEquals(export, second.server.exportKeyingMaterial("EXPORTER-test", null, 32));
            assertFalse(java.util.Arrays.equals(firstExport, export));
            assertEquals("resumed", new String(second.transfer(second.client, "resumed".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
        }
        // One ticket used (single use), two new ones after the resumption.
        assertEquals(3, store.size());
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void everySuiteResumes(CipherSuite suite) throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        Credentials s = server().cipherSuites(suite).build();
        connect(c, HOST, s).close();
        try (ContextPair second = connect(c, HOST, s)) {
            assertTrue(second.client.connectionInfo().resumed());
            assertEquals(suite, second.client.connectionInfo().cipherSuite());
        }
    }

    @Test
    void aCopyOfTheServerCredentialsSharesItsDefaultTicketKeys() throws Exception {
        // As the CLI server does: a copy per connection to name the peer. Without a configured sealer, the copies
        // must share the in-memory keyset, or no ticket would ever resume there.
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        Credentials original = server().build();
        connect(c, HOST, original.toBuilder().peer("127.0.0.1", 1000).build()).close();
        try (ContextPair second = connect(c, HOST, original.toBuilder().peer("127.0.0.1", 1001).build())) {
            assertTrue(second.server.connectionInfo().resumed());
        }
        try (ContextPair third = connect(c, HOST, original.toBuilder().ticketSealer(TinkTicketSealer.inMemory()).build())) {
            assertFalse(third.server.connectionInfo().resumed(), "a copy given its own keys does not open the others' tickets");
        }
    }

    @Test
    void resumesAfterAHelloRetryRequest() throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        Credentials s = server().groups(NamedGroup.SECP256R1).build(); // our client's first share is x25519
        connect(c, HOST, s).close();
        try (ContextPair second = connect(c, HOST, s)) {
            assertTrue(second.client.connectionInfo().helloRetryRequest());
            assertTrue(second.client.connectionInfo().resumed());
            assertTrue(second.server.connectionInfo().resumed());
        }
    }

    @Test
    void aTicketIsOfferedOnlyToItsOwnHostPortAndName() throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        Credentials s = server().build();
        connect(c, HOST, s).close();
        try (ContextPair other = connect(c, "other.test", s)) {
            assertFalse(other.client.connectionInfo().resumed(), "another SNI name");
        }
        assertTrue(store.take(new ClientSessionStore.Peer(HOST, PORT, HOST)).isPresent(), "HOST's tickets are still there");
    }

    @Test
    void anotherServersKeysetMeansAFullHandshakeAndASharedOneResumes() throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        TinkTicketSealer fleetKeys = TinkTicketSealer.inMemory();
        Credentials first = server().ticketSealer(fleetKeys).build();
        Credentials sameFleet = server().ticketSealer(fleetKeys).build();
        Credentials stranger = server().build();
        connect(c, HOST, first).close();
        try (ContextPair p = connect(c, HOST, stranger)) {
            assertFalse(p.server.connectionInfo().resumed(), "a ticket of another keyset");
        }
        connect(c, HOST, first).close();
        try (ContextPair p = connect(c, HOST, sameFleet)) {
            assertTrue(p.server.connectionInfo().resumed(), "a ticket of the same keyset, another server");
        }
    }

    /**
     * Two servers over one keyset file, as a fleet runs: a ticket of one resumes on the other; after a rotation
     * the old ticket still resumes (its key is still enabled), after a retire it gets a full handshake.
     */
    @Test
    void aFleetSharingOneKeysetFileResumesAcrossServersAndFollowsRotation(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path keys = dir.resolve("tickets.json");
        org.securechannel.session.TinkTicketKeys.create(keys, null);
        Credentials serverA = server().ticketSealer(fileSealer(keys)).build();
        Credentials serverB = server().ticketSealer(fileSealer(keys)).build();

        ClientSession firstKey = ticketFrom(serverA);
        assertTrue(resumes(firstKey, serverB), "issued by A, resumed by B");

        org.securechannel.session.TinkTicketKeys.rotate(keys, null); // a new primary; the first key stays enabled
        assertTrue(resumes(firstKey, serverB), "a ticket of the old key resumes after a rotation");
        ClientSession secondKey = ticketFrom(serverA);

        org.securechannel.session.TinkTicketKeys.retire(keys, null); // the first key is disabled
        assertFalse(resumes(firstKey, serverA), "a ticket of a retired key is a full handshake");
        assertFalse(resumes(firstKey, serverB));
        assertTrue(resumes(secondKey, serverB), "a ticket of the primary key still resumes");
    }

    /** A sealer over {@code keys} that looks at the file again on every use (a fleet's servers poll it). */
    private static TinkTicketSealer fileSealer(java.nio.file.Path keys) throws Exception {
        return TinkTicketSealer.fromFile(keys, null, Duration.ZERO, System::nanoTime, problem -> {
            throw new AssertionError(problem);
        });
    }

    /** One of the tickets a full handshake with {@code server} gives a client. */
    private static ClientSession ticketFrom(Credentials server) throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        connect(client(store, new AtomicInteger()), HOST, server).close();
        return store.take(new ClientSessionStore.Peer(HOST, PORT, HOST)).orElseThrow();
    }

    /** Whether {@code server} resumes {@code saved} (offered by a client that keeps no tickets). */
    private static boolean resumes(ClientSession saved, Credentials server) throws Exception {
        Credentials plain = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(plain, HOST, PORT, saved), SecurityContext.server(server))
                .handshake()) {
            assertEquals(p.client.connectionInfo().resumed(), p.server.connectionInfo().resumed());
            return p.server.connectionInfo().resumed();
        }
    }

    /** Servers sharing a keyset but not a configuration: one that requires a client certificate resumes none without. */
    @Test
    void aServerRequiringClientCertificatesDoesNotResumeASessionWithout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path keys = dir.resolve("tickets.json");
        org.securechannel.session.TinkTicketKeys.create(keys, null);
        Credentials open = server().ticketSealer(fileSealer(keys)).build();
        Credentials strict = server().ticketSealer(fileSealer(keys)).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(pki.root())).build();
        ClientSession withoutCertificate = ticketFrom(open);
        assertTrue(resumes(withoutCertificate, open));
        Credentials plain = Credentials.client().trustAnchors(List.of(pki.root())).build();
        ContextPair p = new ContextPair(SecurityContext.client(plain, HOST, PORT, withoutCertificate), SecurityContext.server(strict));
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertTrue(e.getMessage().contains("certificate_required"), "a full handshake, which then needs a certificate: " + e);
        p.close();
    }

    /** The client's copy of a session with another creation time or lifetime (what it computes its ticket age from). */
    private static ClientSession withClientClock(ClientSession real, long createdMillis, long lifetimeSeconds) {
        SessionState st = real.state();
        return new ClientSession(real.ticket(), new SessionState(st.version(), st.suite(), st.group(), st.serverScheme(),
                st.clientScheme(), createdMillis, lifetimeSeconds, st.ageAdd(), st.maxEarlyDataSize(), st.secret(),
                st.serverName(), st.alpn(), st.peerChain()));
    }

    private static boolean resumesWith(Credentials server, ClientSession offered, List<String> alpn) throws Exception {
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).applicationProtocols(alpn).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, offered), SecurityContext.server(server)).handshake()) {
            assertEquals(p.client.connectionInfo().resumed(), p.server.connectionInfo().resumed());
            return p.server.connectionInfo().resumed();
        }
    }

    @Test
    void aTicketAgeOutsideTheWindowIsAFullHandshake() throws Exception {
        Credentials s = server().build();
        ClientSession real = firstSession(s);
        assertTrue(resumesWith(s, real.copy(), List.of()), "its own age: resumes");
        // The client claims the ticket is 60 s older than it is: outside the 10 s window (RFC 8446 §8.3).
        assertFalse(resumesWith(s, withClientClock(real.copy(), real.state().createdMillis() - 60_000,
                real.state().lifetimeSeconds()), List.of()));
    }

    @Test
    void anExpiredTicketIsAFullHandshake() throws Exception {
        Credentials s = server().ticketLifetime(Duration.ofSeconds(1)).build();
        ClientSession real = firstSession(s);
        Thread.sleep(1200);
        // The client believes the ticket still lives (its copy says an hour); the server's sealed lifetime decides.
        assertFalse(resumesWith(s, withClientClock(real, real.state().createdMillis(), 3600), List.of()));
    }

    @Test
    void anAlpnListWithoutTheSessionsProtocolIsAFullHandshake() throws Exception {
        Credentials s = server().applicationProtocols(List.of("h2", "http/1.1")).build();
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials h2 = Credentials.client().trustAnchors(List.of(pki.root())).applicationProtocols(List.of("h2"))
                .clientSessionStore(store).build();
        connect(h2, HOST, s).close();
        ClientSession session = store.take(new ClientSessionStore.Peer(HOST, PORT, HOST)).orElseThrow();
        assertEquals("h2", session.state().alpn());
        assertTrue(resumesWith(s, session.copy(), List.of("h2", "http/1.1")), "the session's protocol still offered");
        assertFalse(resumesWith(s, session.copy(), List.of("http/1.1")), "not offered any more: RFC 8446 §4.2.11");
    }

    @Test
    void aGarbageTicketIsAFullHandshake() throws Exception {
        Credentials s = server().build();
        ClientSession real = firstSession(s);
        byte[] garbage = new byte[120];
        new java.security.SecureRandom().nextBytes(garbage);
        ClientSession forged = new ClientSession(garbage, real.state());
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, forged), SecurityContext.server(s)).handshake()) {
            assertFalse(p.client.connectionInfo().resumed());
            assertFalse(p.server.connectionInfo().resumed());
        }
    }

    @Test
    void aSavedSessionResumesAndAWrongBinderIsDecryptError() throws Exception {
        Credentials s = server().build();
        ClientSession saved = ClientSession.importFrom(firstSession(s).export());
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, saved), SecurityContext.server(s)).handshake()) {
            assertTrue(p.client.connectionInfo().resumed(), "a session the caller kept itself");
        }
        // The real ticket with another PSK: the server opens the ticket, and the binder does not verify.
        SessionState st = saved.state();
        byte[] wrong = st.secret();
        wrong[0] ^= 1;
        ClientSession tampered = new ClientSession(saved.ticket(), new SessionState(st.version(), st.suite(), st.group(),
                st.serverScheme(), st.clientScheme(), st.createdMillis(), st.lifetimeSeconds(), st.ageAdd(),
                st.maxEarlyDataSize(), wrong, st.serverName(), st.alpn(), st.peerChain()));
        ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, tampered), SecurityContext.server(s));
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertTrue(e.getMessage().contains("binder") || e.peerAlert() == AlertDescription.DECRYPT_ERROR, e.getMessage());
        p.close();
    }

    @Test
    void sunJsseClientResumesAtOurServer() throws Exception {
        javax.net.ssl.SSLContext sun = SunJssePeer.context("TLSv1.3", null, pki.root());
        Credentials s = server().build();
        for (int i = 0; i < 2; i++) {
            javax.net.ssl.SSLEngine engine = sun.createSSLEngine(HOST, PORT);
            engine.setUseClientMode(true);
            try (SecurityContext server = SecurityContext.server(s)) {
                new SunJssePeer(engine, server).handshake(); // SunJSSE also reads our tickets
                assertEquals(i == 1, server.connectionInfo().resumed(), "connection " + i);
            }
        }
    }

    @Test
    void ourClientResumesWithSunJsseServer() throws Exception {
        javax.net.ssl.SSLContext sun = SunJssePeer.context("TLSv1.3", leaf);
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials c = client(store, new AtomicInteger());
        for (int i = 0; i < 2; i++) {
            javax.net.ssl.SSLEngine engine = sun.createSSLEngine();
            engine.setUseClientMode(false);
            try (SecurityContext client = SecurityContext.client(c, HOST, PORT, null)) {
                SunJssePeer p = new SunJssePeer(engine, client).handshake();
                assertEquals(i == 1, client.connectionInfo().resumed(), "connection " + i);
                p.wrap(java.nio.ByteBuffer.wrap("after the ticket".getBytes(StandardCharsets.UTF_8)));
                assertEquals("after the ticket", new String(p.ourPlaintext(), StandardCharsets.UTF_8));
            }
        }
    }

    /** A PKIX trust manager over {@code root} that counts the server chains it checks. */
    private static final class CountingTrust implements javax.net.ssl.X509TrustManager {
        private final javax.net.ssl.X509TrustManager pkix;
        private final AtomicInteger serverChecks;

        private CountingTrust(javax.net.ssl.X509TrustManager pkix, AtomicInteger serverChecks) {
            this.pkix = pkix;
            this.serverChecks = serverChecks;
        }

        static CountingTrust of(java.security.cert.X509Certificate root, AtomicInteger serverChecks) {
            try {
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("root", root);
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
                tmf.init(ks);
                return new CountingTrust((javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0], serverChecks);
            } catch (java.security.GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            pkix.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            serverChecks.incrementAndGet();
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    /** A session from a full handshake with {@code server}, as a client store would keep it. */
    private static ClientSession firstSession(Credentials server) throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        connect(client(store, new AtomicInteger()), HOST, server).close();
        return store.take(new ClientSessionStore.Peer(HOST, PORT, HOST)).orElseThrow();
    }
}
