package org.securechannel.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.Signature;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.context.AccountPrincipal;
import org.securechannel.context.CertificateMapper;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * Message support and impersonation over the SecureChannel provider's SSLSockets (loopback TCP). Skipped
 * while the provider has no SSLSocket; runs by itself once it has.
 */
class JsseSocketMessageSupportTest {
    private static final Provider PROVIDER = new SecureChannelProvider();
    private static final byte[] MESSAGE = "transfer 10 to bob".getBytes(StandardCharsets.UTF_8);
    private static final Random RANDOM = new Random(45);
    private static final Subject ALICE = AccountPrincipal.subjectOf("alice");
    private static KeyManager[] serverKeys;
    private static KeyManager[] clientKeys;
    private static TrustManager[] trust;

    @BeforeAll
    static void setUp() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverKeys = EngineLoop.keyManagers("SunX509", ca.issue(TestPki.KeyType.EC_P256, "localhost"));
        clientKeys = EngineLoop.keyManagers("SunX509", ca.issue(TestPki.KeyType.EC_P256, o -> o.subject("CN=Alice, O=Example")));
        trust = EngineLoop.trustManagers(ca.root());
    }

    private static SSLContext context(KeyManager[] km) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", PROVIDER);
        c.init(km, trust, null);
        return c;
    }


    /** A connected pair: the client is layered over {@code raw}, so tests can also write records themselves. */
    private static final class Connection implements AutoCloseable {
        final Socket raw;
        final SSLSocket client;
        final SSLSocket server;
        final SSLServerSocket listener;

        Connection(boolean clientAuth) throws Exception {
            listener = (SSLServerSocket) context(serverKeys).getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setNeedClientAuth(clientAuth);
            CompletableFuture<SSLSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) listener.accept();
                    s.startHandshake();
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            raw = new Socket();
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 10_000);
            raw.setSoTimeout(10_000);
            client = (SSLSocket) context(clientAuth ? clientKeys : null).getSocketFactory()
                    .createSocket(raw, "localhost", listener.getLocalPort(), true);
            client.startHandshake();
            server = accepted.get(10, TimeUnit.SECONDS);
            server.setSoTimeout(10_000);
        }

        @Override
        public void close() throws Exception {
            client.close();
            server.close();
            listener.close();
        }
    }

    private static byte[] readFully(InputStream in, int n) throws Exception {
        byte[] b = new byte[n];
        for (int at = 0; at < n; ) {
            int r = in.read(b, at, n - at);
            if (r < 0) {
                throw new AssertionError("end of stream after " + at + " of " + n + " bytes");
            }
            at += r;
        }
        return b;
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] sign(SecurityContextKey key, byte[] message) throws Exception {
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    private static boolean verify(SecurityContextKey key, byte[] message, byte[] token) throws Exception {
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        s.initVerify(key);
        s.update(message);
        return s.verify(token);
    }

    @Test
    void signOnOneSocketVerifyOnTheOther() throws Exception {
        try (Connection c = new Connection(false)) {
            SecurityContextKey client = SecurityContextKey.of(c.client);
            SecurityContextKey server = SecurityContextKey.of(c.server.getSession());
            assertSame(client.context(), SecurityContextKey.of(c.client.getSession()).context());
            assertSame(server.context(), SecurityContextKey.of(c.server).context());
            byte[] t0 = sign(client, MESSAGE);
            byte[] t1 = sign(client, MESSAGE);
            byte[] altered = MESSAGE.clone();
            altered[3] ^= 4;
            assertFalse(verify(server, altered, t0), "altered");
            assertFalse(verify(client, MESSAGE, t0), "reflected");
            assertFalse(verify(server, MESSAGE, t1), "reordered");
            assertTrue(verify(server, MESSAGE, t0));
            assertFalse(verify(server, MESSAGE, t0), "replayed");
            assertTrue(verify(server, MESSAGE, t1));
            assertTrue(verify(client, MESSAGE, sign(server, MESSAGE)));
            // The sockets' streams are undisturbed.
            c.client.getOutputStream().write(MESSAGE);
            c.client.getOutputStream().flush();
            assertArrayEquals(MESSAGE, readFully(c.server.getInputStream(), MESSAGE.length));
        }
    }

    @Test
    void cipherRecordsJoinTheSocketsStream() throws Exception {
        try (Connection c = new Connection(false)) {
            Cipher enc = Cipher.getInstance("SecurityContext", PROVIDER);
            enc.init(Cipher.ENCRYPT_MODE, SecurityContextKey.of(c.client));
            byte[] a = data(300);
            byte[] b = data(20_000);
            byte[] d = data(50);
            OutputStream tls = c.client.getOutputStream();
            tls.write(a);
            tls.flush();
            c.raw.getOutputStream().write(enc.doFinal(b)); // records straight onto TCP, between the socket's own
            c.raw.getOutputStream().flush();
            tls.write(d);
            tls.flush();
            byte[] got = readFully(c.server.getInputStream(), a.length + b.length + d.length);
            assertArrayEquals(a, Arrays.copyOfRange(got, 0, a.length));
            assertArrayEquals(b, Arrays.copyOfRange(got, a.length, a.length + b.length));
            assertArrayEquals(d, Arrays.copyOfRange(got, a.length + b.length, got.length));
            // The other way: the server socket writes, the client decrypts what arrives on TCP with its Cipher. First
            // the client socket reads a byte, and with it the server's tickets, so that TCP then holds only records
            // of application data.
            c.server.getOutputStream().write(7);
            c.server.getOutputStream().flush();
            assertEquals(7, c.client.getInputStream().read());
            Cipher dec = Cipher.getInstance("SecurityContext", PROVIDER);
            dec.init(Cipher.DECRYPT_MODE, SecurityContextKey.of(c.client.getSession()));
            byte[] e = data(1000);
            c.server.getOutputStream().write(e);
            c.server.getOutputStream().flush();
            byte[] records = readFully(c.raw.getInputStream(), e.length + 22);
            assertArrayEquals(e, dec.doFinal(records));
        }
    }

    @Test
    void unusableSocketsSayWhy() throws Exception {
        SSLSocket unconnected = (SSLSocket) context(null).getSocketFactory().createSocket();
        String why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(unconnected)).getMessage();
        assertTrue(why.contains("no security context") || why.contains("not completed"), why);
        unconnected.close();
        Connection c = new Connection(false);
        SecurityContextKey before = SecurityContextKey.of(c.client);
        c.close();
        why = assertThrows(InvalidKeyException.class, before::context).getMessage();
        assertTrue(why.contains("closed"), why);
        why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(c.client)).getMessage();
        assertTrue(why.contains("closed"), why);
    }

    @Test
    void impersonationOverAServerSocket() throws Exception {
        CertificateMapper byDn = CertificateMapper.bySubjectDn(Map.of(new X500Principal("CN=Alice,O=Example"), ALICE));
        try (Connection c = new Connection(true)) {
            SecurityContext server = SecurityContextKey.of(c.server).context();
            assertEquals(Optional.of(ALICE), server.mappedSubject(byDn));
            assertSame(ALICE, server.impersonate(byDn, JsseSocketMessageSupportTest::currentSubject));
            assertEquals(null, currentSubject());
            SecurityContextException x = assertThrows(SecurityContextException.class,
                    () -> server.impersonate(chain -> Optional.empty(), () -> 1));
            assertEquals(Reason.NO_IMPERSONATION, x.reason());
            x = assertThrows(SecurityContextException.class,
                    () -> SecurityContextKey.of(c.client).context().impersonate(byDn, () -> 1));
            assertEquals(Reason.NO_IMPERSONATION, x.reason());
        }
    }

    /** Subject.current() where the JDK has it (18+), else the AccessControlContext form. */
    @SuppressWarnings("removal")
    private static Subject currentSubject() throws Exception {
        try {
            Method current = Subject.class.getMethod("current");
            return (Subject) current.invoke(null);
        } catch (NoSuchMethodException e) {
            return Subject.getSubject(java.security.AccessController.getContext());
        }
    }
}
