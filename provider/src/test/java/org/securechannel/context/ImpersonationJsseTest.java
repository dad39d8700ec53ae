package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jca.SecurityContextKey;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

/**
 * Impersonation for the SecureChannel provider's SSLEngine sessions. Standard JSSE has no place for a
 * {@link CertificateMapper}, so the server's engine context has none; the application maps the client
 * chain its trust manager accepted when it wants to act for the client:
 * {@code SecurityContextKey.of(engine).context().impersonate(mapper, action)}.
 */
class ImpersonationJsseTest {
    private static final java.security.Provider PROVIDER = new SecureChannelProvider();
    private static final Subject ALICE = AccountPrincipal.subjectOf("alice");
    private static final CertificateMapper BY_CN = chain -> Optional.of(AccountPrincipal.subjectOf(
            chain.get(0).getSubjectX500Principal().getName(X500Principal.RFC2253).substring(3)));
    private static KeyManager[] serverKeys;
    private static TrustManager[] trust;

    @BeforeAll
    static void setUp() throws Exception {
        serverKeys = EngineLoop.keyManagers("SunX509", Pairs.PKI.issue(TestPki.KeyType.EC_P256, "server.example"));
        trust = EngineLoop.trustManagers(Pairs.PKI.root());
    }

    private static TestPki.Issued clientCert(java.util.function.Consumer<TestPki.LeafOptions> options) {
        return Pairs.PKI.issue(TestPki.KeyType.EC_P256, options);
    }

    /** Engines of the provider; the server needs (or, with {@code need} false, wants) client authentication. */
    private static EngineLoop engines(TestPki.Issued clientId, boolean need) throws Exception {
        SSLContext clientContext = SSLContext.getInstance("TLSv1.3", PROVIDER);
        clientContext.init(clientId == null ? null : EngineLoop.keyManagers("SunX509", clientId), trust, null);
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3", PROVIDER);
        serverContext.init(serverKeys, trust, null);
        SSLEngine client = clientContext.createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        if (need) {
            server.setNeedClientAuth(true);
        } else {
            server.setWantClientAuth(true);
        }
        return new EngineLoop(client, server);
    }

    private static EngineLoop connect(String account) throws Exception {
        return engines(clientCert(o -> o.subject("CN=" + account)), true).handshake();
    }

    /** The server engine's context, the way applications reach it. */
    private static SecurityContext serverContext(EngineLoop e) throws Exception {
        return SecurityContextKey.of(e.server).context();
    }

    private static Set<AccountPrincipal> accounts() {
        Subject s = CurrentSubject.get();
        return s == null ? Set.of() : s.getPrincipals(AccountPrincipal.class);
    }

    @Test
    void theActionSeesTheClientAndTheCallerDoesNot() throws Exception {
        EngineLoop e = connect("alice");
        SecurityContext server = serverContext(e);
        assertEquals(Optional.empty(), server.mappedSubject(), "no mapper reached the engine's credentials");
        assertEquals(Set.of(), accounts());
        assertEquals(Set.of(new AccountPrincipal("alice")), server.impersonate(BY_CN, ImpersonationJsseTest::accounts));
        assertEquals(Set.of(), accounts());
        // Through the session too: the same context.
        SecurityContext viaSession = SecurityContextKey.of(e.server.getSession()).context();
        assertSame(server, viaSession);
        Subject mapped = AccountPrincipal.subjectOf("bob");
        assertSame(mapped, viaSession.impersonate(chain -> Optional.of(mapped), CurrentSubject::get));
        // The mapper saw the chain the trust manager accepted, as the session reports it.
        List<X509Certificate> seen = new java.util.ArrayList<>();
        server.impersonate(chain -> {
            seen.addAll(chain);
            return Optional.of(ALICE);
        }, () -> 1);
        assertEquals(List.of(e.server.getSession().getPeerCertificates()), seen);
    }

    @Test
    void exceptionsComeBackUnchangedAndRevert() throws Exception {
        SecurityContext server = serverContext(connect("alice"));
        IOException io = new IOException("checked");
        assertSame(io, assertThrows(IOException.class, () -> server.impersonate(BY_CN, () -> {
            throw io;
        })));
        IllegalStateException rt = new IllegalStateException("unchecked");
        assertSame(rt, assertThrows(IllegalStateException.class, () -> server.impersonate(BY_CN, () -> {
            throw rt;
        })));
        assertEquals(Set.of(), accounts());
        // A mapper that fails: its exception, and nobody impersonated.
        IllegalArgumentException bad = new IllegalArgumentException("directory down");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> server.impersonate(chain -> {
            throw bad;
        }, () -> 1)));
        assertEquals(Set.of(), accounts());
    }

    @Test
    void nestingAcrossTwoConnectionsReturnsToTheOuterIdentity() throws Exception {
        SecurityContext alice = serverContext(connect("alice"));
        SecurityContext bob = serverContext(connect("bob"));
        List<Set<AccountPrincipal>> seen = alice.impersonate(BY_CN, () -> {
            Set<AccountPrincipal> outer = accounts();
            Set<AccountPrincipal> inner = bob.impersonate(BY_CN, ImpersonationJsseTest::accounts);
            return List.of(outer, inner, accounts());
        });
        assertEquals(List.of(Set.of(new AccountPrincipal("alice")), Set.of(new AccountPrincipal("bob")),
                Set.of(new AccountPrincipal("alice"))), seen);
        assertEquals(Set.of(), accounts());
    }

    @Test
    void twoThreadsImpersonatingTwoClientsNeverSeeEachOther() throws Exception {
        SecurityContext alice = serverContext(connect("alice"));
        SecurityContext bob = serverContext(connect("bob"));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> a = pool.submit(() -> loop(alice, "alice", together));
            Future<Boolean> b = pool.submit(() -> loop(bob, "bob", together));
            assertTrue(a.get(30, TimeUnit.SECONDS));
            assertTrue(b.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean loop(SecurityContext server, String account, CyclicBarrier together) throws Exception {
        Set<AccountPrincipal> expected = Set.of(new AccountPrincipal(account));
        for (int i = 0; i < 100; i++) {
            boolean ok = server.impersonate(BY_CN, () -> {
                together.await(10, TimeUnit.SECONDS);
                return accounts().equals(expected);
            });
            if (!ok || !accounts().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void eachReadyMadeMapperWorksOnEngineSessions() throws Exception {
        TestPki.Issued dn = clientCert(o -> o.subject("CN=Alice, O=Example"));
        TestPki.Issued email = clientCert(o -> o.subject("CN=a").emails("other@example.com", "alice@example.com"));
        TestPki.Issued dns = clientCert(o -> o.subject("CN=d").dnsNames("device7.example.net"));
        TestPki.Issued serial = clientCert(o -> o.subject("CN=s"));
        Map<String, CertificateMapper> mappers = Map.of(
                "dn", CertificateMapper.bySubjectDn(Map.of(new X500Principal("cn=alice,o=example"), ALICE)),
                "email", CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.EMAIL,
                        Map.of("alice@EXAMPLE.com", ALICE)),
                "dns", CertificateMapper.bySubjectAlternativeName(SubjectAltNames.Kind.DNS,
                        Map.of("Device7.example.net", ALICE)),
                "serial", CertificateMapper.byIssuerAndSerial(Map.of(CertificateMapper.IssuerSerial.of(serial.leaf()), ALICE)));
        Map<String, TestPki.Issued> certs = Map.of("dn", dn, "email", email, "dns", dns, "serial", serial);
        for (var entry : mappers.entrySet()) {
            CertificateMapper mapper = entry.getValue();
            for (var c : certs.entrySet()) {
                SecurityContext server = serverContext(engines(c.getValue(), true).handshake());
                boolean match = entry.getKey().equals(c.getKey());
                assertEquals(match ? Optional.of(ALICE) : Optional.empty(), server.mappedSubject(mapper),
                        entry.getKey() + " mapper, " + c.getKey() + " certificate");
                if (match) {
                    assertSame(ALICE, server.impersonate(mapper, CurrentSubject::get));
                } else {
                    SecurityContextException x = assertThrows(SecurityContextException.class,
                            () -> server.impersonate(mapper, () -> 1));
                    assertEquals(Reason.NO_IMPERSONATION, x.reason());
                    assertTrue(x.getMessage().contains("maps to no account"), x.getMessage());
                }
            }
        }
        // orElse chains them; a lambda is a mapper too.
        CertificateMapper chained = mappers.get("dn").orElse(mappers.get("serial"));
        assertSame(ALICE, serverContext(engines(serial, true).handshake()).impersonate(chained, CurrentSubject::get));
        AtomicInteger calls = new AtomicInteger();
        CertificateMapper counting = chain -> {
            calls.incrementAndGet();
            return Optional.of(ALICE);
        };
        SecurityContext server = serverContext(engines(dn, true).handshake());
        server.impersonate(counting, () -> 1);
        server.impersonate(counting, () -> 1);
        assertEquals(2, calls.get(), "the mapper is asked on every call");
    }

    @Test
    void withoutAClientIdentityItIsNoImpersonationSayingWhy() throws Exception {
        // wantClientAuth, and the client has no certificate: the handshake completes, nobody to map.
        EngineLoop anonymous = engines(null, false).handshake();
        SecurityContext server = serverContext(anonymous);
        assertEquals(Optional.empty(), server.mappedSubject(BY_CN));
        assertNoImpersonation(server, "the client sent no certificate");
        // The client side has no client to act for.
        EngineLoop e = connect("alice");
        assertNoImpersonation(SecurityContextKey.of(e.client).context(), "a client context");
        // Closed: the context that was there says so.
        SecurityContext closed = serverContext(e);
        closed.close();
        assertEquals(Optional.empty(), closed.mappedSubject(BY_CN));
        assertNoImpersonation(closed, "closed");
        // Not yet established: the server has its context but no Finished from the client.
        EngineLoop half = engines(clientCert(o -> o.subject("CN=alice")), true);
        half.client.beginHandshake();
        half.server.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(1 << 15);
        half.client.wrap(ByteBuffer.allocate(0), hello);
        half.server.unwrap(hello.flip(), ByteBuffer.allocate(1 << 15));
        SecurityContext early = ((org.securechannel.jca.SecurityContextHolder) half.server).securityContext();
        assertNoImpersonation(early, "has not completed");
        assertThrows(NullPointerException.class, () -> server.impersonate(null, () -> 1));
        assertThrows(NullPointerException.class, () -> server.impersonate(BY_CN, null));
    }

    private static void assertNoImpersonation(SecurityContext context, String why) {
        SecurityContextException x = assertThrows(SecurityContextException.class, () -> context.impersonate(BY_CN, () -> 1));
        assertEquals(Reason.NO_IMPERSONATION, x.reason());
        assertTrue(x.getMessage().contains(why), x.getMessage());
        assertEquals(Set.of(), accounts());
    }

    @Test
    void engineContextsToo_anExplicitMapperNeedsNoneInTheCredentials() throws Exception {
        // The same on-demand mapping over engine contexts built without a mapper, and with one: the mapper
        // passed wins, the one from the credentials stays what mappedSubject() reports.
        TestPki.Issued cert = clientCert(o -> o.subject("CN=carol"));
        try (ContextPair p = CertificateMappingTest.pair(cert, chain -> Optional.of(ALICE), Credentials.ClientAuth.REQUIRED)
                .handshake()) {
            assertEquals(Optional.of(ALICE), p.server.mappedSubject());
            assertEquals(Set.of(new AccountPrincipal("carol")), p.server.impersonate(BY_CN, ImpersonationJsseTest::accounts));
            assertEquals(Set.of(new AccountPrincipal("alice")), p.server.impersonate(ImpersonationJsseTest::accounts));
        }
        Credentials server = Pairs.serverCredentials().toBuilder().clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(Pairs.PKI.root())).build();
        Credentials client = Pairs.clientCredentials().toBuilder().certificate(cert.chain(), cert.key()).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"), SecurityContext.server(server))
                .handshake()) {
            assertEquals(Optional.empty(), p.server.mappedSubject());
            assertEquals(Set.of(new AccountPrincipal("carol")), p.server.impersonate(BY_CN, ImpersonationJsseTest::accounts));
        }
    }
}
