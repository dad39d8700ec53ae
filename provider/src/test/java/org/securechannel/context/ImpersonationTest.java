package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;

class ImpersonationTest {
    private static final CertificateMapper BY_CN = chain -> java.util.Optional.of(AccountPrincipal.subjectOf(
            chain.get(0).getSubjectX500Principal().getName(X500Principal.RFC2253).substring(3)));

    private static ContextPair connect(String account) throws SecurityContextException {
        return CertificateMappingTest.pair(CertificateMappingTest.clientCert(o -> o.subject("CN=" + account)), BY_CN,
                Credentials.ClientAuth.REQUIRED).handshake();
    }

    private static Set<AccountPrincipal> accounts() {
        Subject s = CurrentSubject.get();
        return s == null ? Set.of() : s.getPrincipals(AccountPrincipal.class);
    }

    @Test
    void theActionSeesTheClientAndTheCallerDoesNot() throws Exception {
        try (ContextPair p = connect("alice")) {
            assertEquals(Set.of(), accounts());
            Set<AccountPrincipal> inside = p.server.impersonate(ImpersonationTest::accounts);
            assertEquals(Set.of(new AccountPrincipal("alice")), inside);
            assertSame(p.server.mappedSubject().get(), p.server.impersonate(CurrentSubject::get));
            assertEquals(Set.of(), accounts());
        }
    }

    @Test
    void exceptionsComeBackUnchangedAndRevert() throws Exception {
        try (ContextPair p = connect("alice")) {
            IOException io = new IOException("checked");
            assertSame(io, assertThrows(IOException.class, () -> p.server.impersonate(() -> {
                throw io;
            })));
            IllegalStateException rt = new IllegalStateException("unchecked");
            assertSame(rt, assertThrows(IllegalStateException.class, () -> p.server.impersonate(() -> {
                throw rt;
            })));
            assertEquals(Set.of(), accounts());
        }
    }

    @Test
    void nestingReturnsToTheOuterIdentity() throws Exception {
        try (ContextPair alice = connect("alice"); ContextPair bob = connect("bob")) {
            List<Set<AccountPrincipal>> seen = alice.server.impersonate(() -> {
                Set<AccountPrincipal> outer = accounts();
                Set<AccountPrincipal> inner = bob.server.impersonate(ImpersonationTest::accounts);
                return List.of(outer, inner, accounts());
            });
            assertEquals(List.of(Set.of(new AccountPrincipal("alice")), Set.of(new AccountPrincipal("bob")),
                    Set.of(new AccountPrincipal("alice"))), seen);
        }
    }

    @Test
    void twoThreadsNeverSeeEachOthersClient() throws Exception {
        try (ContextPair alice = connect("alice"); ContextPair bob = connect("bob")) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> a = pool.submit(() -> loop(alice.server, "alice", together));
                Future<Boolean> b = pool.submit(() -> loop(bob.server, "bob", together));
                assertTrue(a.get(30, TimeUnit.SECONDS));
                assertTrue(b.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static boolean loop(SecurityContext server, String account, CyclicBarrier together) throws Exception {
        Set<AccountPrincipal> expected = Set.of(new AccountPrincipal(account));
        for (int i = 0; i < 200; i++) {
            boolean ok = server.impersonate(() -> {
                together.await(10, TimeUnit.SECONDS); // both threads are inside an impersonation now
                return accounts().equals(expected);
            });
            if (!ok || !accounts().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withoutAMappedClientItIsNoImpersonation() throws Exception {
        try (ContextPair p = Pairs.established()) {
            SecurityContextException e = assertThrows(SecurityContextException.class, () -> p.server.impersonate(() -> 1));
            assertEquals(Reason.NO_IMPERSONATION, e.reason());
            assertTrue(e.getMessage().contains("no CertificateMapper"), e.getMessage());
            e = assertThrows(SecurityContextException.class, () -> p.client.impersonate(() -> 1));
            assertEquals(Reason.NO_IMPERSONATION, e.reason());
        }
        CertificateMapper never = chain -> java.util.Optional.empty();
        try (ContextPair p = CertificateMappingTest.pair(CertificateMappingTest.clientCert(o -> o.subject("CN=x")), never,
                Credentials.ClientAuth.OPTIONAL).handshake()) {
            SecurityContextException e = assertThrows(SecurityContextException.class, () -> p.server.impersonate(() -> 1));
            assertTrue(e.getMessage().contains("maps to no account"), e.getMessage());
        }
        try (ContextPair p = CertificateMappingTest.pair(null, BY_CN, Credentials.ClientAuth.OPTIONAL).handshake()) {
            SecurityContextException e = assertThrows(SecurityContextException.class, () -> p.server.impersonate(() -> 1));
            assertTrue(e.getMessage().contains("no certificate"), e.getMessage());
        }
    }

    @Test
    void notAfterClose() throws Exception {
        ContextPair p = connect("alice");
        p.close();
        SecurityContextException e = assertThrows(SecurityContextException.class, () -> p.server.impersonate(() -> 1));
        assertEquals(Reason.NO_IMPERSONATION, e.reason());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertNull(p.server.mappedSubject().orElse(null));
    }
}
