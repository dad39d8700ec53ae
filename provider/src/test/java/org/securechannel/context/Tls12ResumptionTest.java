package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.handshake.BoundedSessionCache;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.handshake.SessionCache;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.2 session-ID resumption (RFC 5246 §7.3) with the extended master secret: engine to engine, against
 * SunJSSE's client and server, and every reason a server or client falls back to a full handshake.
 */
class Tls12ResumptionTest {
    private static final String HOST = "resume.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST, "other.test");
    }

    private static Credentials.Builder server12() {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).cipherSuites(Credentials.DEFAULT_TLS12_SUITES);
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    private static ContextPair connect(Credentials client, String host, Credentials server) throws SecurityContextException {
        return new ContextPair(SecurityContext.client(client, host), SecurityContext.server(server)).handshake();
    }

    @Test
    void secondConnectionResumesBothSidesAgreeAndDataFlows() throws Exception {
        Credentials c = client().build();
        Credentials s = server12().build();
        byte[] firstExport;
        try (ContextPair first = connect(c, HOST, s)) {
            assertFalse(first.client.connectionInfo().resumed());
            assertFalse(first.server.connectionInfo().resumed());
            firstExport = first.client.exportKeyingMaterial("EXPORTER-test", null, 32);
        }
        try (ContextPair second = connect(c, HOST, s)) {
            ConnectionInfo info = second.client.connectionInfo();
            assertTrue(info.resumed(), "client");
            assertTrue(second.server.connectionInfo().resumed(), "server");
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(leaf.leaf(), second.client.peerCertificates().get(0), "the session's chain is reported again");
            byte[] export = second.client.exportKeyingMaterial("EXPORTER-test", null, 32);
            assertArrayEquals(export, second.server.exportKeyingMaterial("EXPORTER-test", null, 32));
            assertFalse(java.util.Arrays.equals(firstExport, export), "new randoms, new keys");
            assertEquals("resumed", new String(second.transfer(second.client, "resumed".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
            // An abbreviated handshake is one round trip shorter: the client's last step is its OK.
            assertEquals(2, second.clientStatuses.size(), second.log::toString);
        }
    }

    @Test
    void aServerWithoutACacheNeverResumes() throws Exception {
        Credentials c = client().build();
        Credentials s = server12().sessionCache(SessionCache.NONE).build();
        try (ContextPair first = connect(c, HOST, s)) {
            assertFalse(first.client.connectionInfo().resumed());
        }
        try (ContextPair second = connect(c, HOST, s)) {
            assertFalse(second.client.connectionInfo().resumed());
        }
    }

    @Test
    void expiredSessionsAreFullHandshakes() throws Exception {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        Credentials c = client().build();
        Credentials s = server12().sessionCache(new BoundedSessionCache(10, Duration.ofHours(1), now::get)).build();
        connect(c, HOST, s).close();
        now.addAndGet(Duration.ofHours(1).toMillis());
        try (ContextPair second = connect(c, HOST, s)) {
            assertFalse(second.server.connectionInfo().resumed(), "the server's copy expired");
        }
    }

    @Test
    void aSuiteTheServerNoLongerEnablesIsAFullHandshake() throws Exception {
        Credentials c = client().build();
        SessionCache shared = new BoundedSessionCache(10, Duration.ofHours(1));
        Credentials before = server12().sessionCache(shared).cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build();
        Credentials after = server12().sessionCache(shared).cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384).build();
        connect(c, HOST, before).close();
        try (ContextPair second = connect(c, HOST, after)) {
            assertFalse(second.server.connectionInfo().resumed());
            assertEquals(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, second.client.connectionInfo().cipherSuite());
        }
    }

    /** RFC 6066 §3: a session is resumed only for the server name it was made for. */
    @Test
    void anotherServerNameIsAFullHandshake() throws Exception {
        SessionCache anyName = new SessionCache() { // hands the client's one session to every server name
            private ResumableSession only;

            @Override
            public synchronized void put(byte[] key, ResumableSession session) {
                only = session;
            }

            @Override
            public synchronized ResumableSession get(byte[] key) {
                return only == null ? null : only.copy();
            }

            @Override
            public void remove(byte[] key) {
            }
        };
        Credentials c = client().sessionCache(anyName).build();
        Credentials s = server12().build();
        connect(c, HOST, s).close();
        try (ContextPair second = connect(c, "other.test", s)) {
            assertFalse(second.server.connectionInfo().resumed());
            assertFalse(second.client.connectionInfo().resumed());
        }
    }

    @Test
    void aSessionDemandingNoClientCertificateIsNotResumedWhenOneIsRequired() throws Exception {
        TestPki.Issued clientLeaf = pki.issue(KeyType.EC_P256, o -> o.subject("CN=resume client").extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        SessionCache shared = new BoundedSessionCache(10, Duration.ofHours(1));
        Credentials c = client().certificate(clientLeaf.chain(), clientLeaf.key()).build();
        connect(c, HOST, server12().sessionCache(shared).build()).close();
        Credentials required = server12().sessionCache(shared).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(pki.root())).build();
        try (ContextPair second = connect(c, HOST, required)) {
            assertFalse(second.server.connectionInfo().resumed());
            assertEquals(clientLeaf.leaf(), second.server.peerCertificates().get(0));
        }
        try (ContextPair third = connect(c, HOST, required)) {
            assertTrue(third.server.connectionInfo().resumed(), "a session made with the certificate resumes");
            assertEquals(clientLeaf.leaf(), third.server.peerCertificates().get(0));
        }
    }

    @Test
    void sunJsseClientResumesWithOurServer() throws Exception {
        SSLContext sun = SunJssePeer.context("TLSv1.2", null, pki.root());
        Credentials s = server12().build();
        byte[] firstId;
        try (SecurityContext server = SecurityContext.server(s)) {
            SunJssePeer p = new SunJssePeer(engine(sun), server).handshake();
            assertFalse(server.connectionInfo().resumed());
            firstId = p.engine.getSession().getId();
        }
        try (SecurityContext server = SecurityContext.server(s)) {
            SunJssePeer p = new SunJssePeer(engine(sun), server).handshake();
            assertTrue(server.connectionInfo().resumed());
            assertArrayEquals(firstId, p.engine.getSession().getId(), "SunJSSE resumed the same session");
        }
    }

    @Test
    void ourClientResumesWithSunJsseServer() throws Exception {
        SSLContext sun = SunJssePeer.context("TLSv1.2", leaf);
        Credentials c = client().build();
        for (int i = 0; i < 2; i++) {
            SSLEngine server = sun.createSSLEngine();
            server.setUseClientMode(false);
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            try (SecurityContext client = SecurityContext.client(c, HOST)) {
                new SunJssePeer(server, client).handshake();
                assertEquals(i == 1, client.connectionInfo().resumed(), "connection " + i);
            }
        }
    }

    @Test
    void boundedCacheEvictsTheLeastRecentlyUsedAndWipesIt() {
        BoundedSessionCache cache = new BoundedSessionCache(2, Duration.ofHours(1));
        ResumableSession a = session(1);
        cache.put(new byte[] {1}, a);
        cache.put(new byte[] {2}, session(2));
        cache.get(new byte[] {1}).destroy(); // a copy: using it leaves the cached one intact
        cache.put(new byte[] {3}, session(3));
        assertEquals(2, cache.size());
        assertNull(cache.get(new byte[] {2}), "the least recently used went");
        assertArrayEquals(new byte[] {1, 1, 1}, cache.get(new byte[] {1}).masterSecret());
        cache.remove(new byte[] {1});
        assertArrayEquals(new byte[3], a.masterSecret(), "a session leaving the cache is wiped");
    }

    private static ResumableSession session(int b) {
        return new ResumableSession(ProtocolVersion.TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, null, null, null,
                new byte[] {(byte) b}, new byte[] {(byte) b, (byte) b, (byte) b}, List.of(), HOST, System.currentTimeMillis());
    }

    private static SSLEngine engine(SSLContext sun) {
        SSLEngine e = sun.createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        return e;
    }
}
