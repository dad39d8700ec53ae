package org.securechannel.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.context.SecurityContext;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * Message support through JCA over the SecureChannel provider's SSLEngines (issue 4): keys from the engine
 * and from its SSLSession, Signature "SecurityContext" and Cipher "SecurityContext" across two engines, and
 * the Cipher's records interleaved with the engines' own wrap/unwrap (they share one context, so one record
 * sequence).
 */
class JsseMessageSupportTest {
    private static final String PROVIDER = SecureChannelProvider.NAME;
    private static final byte[] MESSAGE = "transfer 10 to bob".getBytes(StandardCharsets.UTF_8);
    private static final Random RANDOM = new Random(44);
    private static KeyManager[] serverKeys;
    private static TrustManager[] trust;

    private static boolean installed;

    @BeforeAll
    static void setUp() throws Exception {
        // By name, as applications get the services; appended, so it never displaces SunJSSE as the default,
        // and removed afterwards, so other tests find the provider list as they expect it.
        installed = Security.addProvider(new SecureChannelProvider()) != -1;
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverKeys = EngineLoop.keyManagers("SunX509", ca.issue(TestPki.KeyType.EC_P256, "server.example"));
        trust = EngineLoop.trustManagers(ca.root());
    }

    @AfterAll
    static void tearDown() {
        if (installed) {
            Security.removeProvider(PROVIDER);
        }
    }

    private static EngineLoop engines(String provider) throws Exception {
        SSLContext clientContext = SSLContext.getInstance("TLSv1.3", provider);
        clientContext.init(null, trust, null);
        SSLContext serverContext = SSLContext.getInstance("TLSv1.3", provider);
        serverContext.init(serverKeys, null, null);
        SSLEngine client = clientContext.createSSLEngine("server.example", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        return new EngineLoop(client, server);
    }

    private static EngineLoop connected() throws Exception {
        return engines(PROVIDER).handshake();
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

    private static Cipher cipher(int mode, SecurityContextKey key) throws Exception {
        Cipher c = Cipher.getInstance("SecurityContext", PROVIDER);
        c.init(mode, key);
        return c;
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** What {@code engine.wrap} writes for {@code plain}: whole records. */
    private static byte[] wrap(SSLEngine engine, byte[] plain) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(plain);
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < 1000 && (src.hasRemaining() || i == 0); i++) {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult r = engine.wrap(src, out);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus(), "wrap");
            records.write(out.array(), 0, out.position());
        }
        return records.toByteArray();
    }

    /** What {@code engine.unwrap} makes of {@code records}, all of which must be consumed. */
    private static byte[] unwrap(SSLEngine engine, byte[] records) throws SSLException {
        ByteBuffer in = ByteBuffer.wrap(records);
        ByteBuffer plain = ByteBuffer.allocate(records.length + engine.getSession().getApplicationBufferSize());
        for (int i = 0; i < 1000 && in.hasRemaining(); i++) {
            SSLEngineResult r = engine.unwrap(in, plain);
            assertEquals(SSLEngineResult.Status.OK, r.getStatus(), "unwrap");
        }
        assertFalse(in.hasRemaining(), "unwrap left bytes");
        return Arrays.copyOf(plain.array(), plain.position());
    }

    /** Unwraps {@code received} (when not null), then wraps and returns what the engine says while closing. */
    private static byte[] closing(SSLEngine engine, byte[] received) throws SSLException {
        if (received != null) {
            ByteBuffer in = ByteBuffer.wrap(received);
            for (int i = 0; i < 10 && in.hasRemaining() && !engine.isInboundDone(); i++) {
                engine.unwrap(in, ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10 && !engine.isOutboundDone(); i++) {
            ByteBuffer b = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), b);
            out.write(b.array(), 0, b.position());
        }
        return out.toByteArray();
    }

    /** Each record's type, legacy version and length, e.g. "170303 16401". */
    private static List<String> recordHeaders(byte[] records) {
        List<String> headers = new ArrayList<>();
        for (int at = 0; at + 5 <= records.length; ) {
            int length = (records[at + 3] & 0xFF) << 8 | records[at + 4] & 0xFF;
            headers.add(String.format("%02x%02x%02x %d", records[at], records[at + 1], records[at + 2], length));
            at += 5 + length;
        }
        return headers;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ keys

    @Test
    void engineAndSessionGiveKeysForTheSameContext() throws Exception {
        EngineLoop e = connected();
        SecurityContext client = SecurityContextKey.of(e.client).context();
        assertSame(client, SecurityContextKey.of(e.client.getSession()).context());
        assertTrue(client.isClient());
        SecurityContext server = SecurityContextKey.of(e.server.getSession()).context();
        assertSame(server, SecurityContextKey.of(e.server).context());
        assertFalse(server.isClient());
        assertEquals("SecurityContext", SecurityContextKey.of(e.client).getAlgorithm());
        assertEquals(PROVIDER, Signature.getInstance("SecurityContext", PROVIDER).getProvider().getName());
        assertEquals(PROVIDER, Cipher.getInstance("SecurityContext", PROVIDER).getProvider().getName());
    }

    /**
     * A session in the session cache outlives its connection: it must not keep the connection's context (its
     * whole state) reachable once the engines are gone, and says so when asked for a key.
     */
    @Test
    void aSessionDoesNotKeepItsConnectionAlive() throws Exception {
        SSLSession session = connected().server.getSession();
        // The engines are unreachable now; their contexts must go with them.
        for (int i = 0; i < 100 && SecurityContextKeyProbe.hasContext(session); i++) {
            System.gc();
            Thread.sleep(10);
        }
        String why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(session)).getMessage();
        assertTrue(why.contains("connection is gone"), why);
        assertTrue(session.isValid(), "the session itself stays usable for what it records");
        assertEquals("TLSv1.3", session.getProtocol());
    }

    /** Asks without keeping what it gets. */
    private static final class SecurityContextKeyProbe {
        static boolean hasContext(SSLSession session) {
            return ((SecurityContextHolder) session).securityContext() != null;
        }
    }

    @Test
    void aNotEstablishedEngineSaysWhy() throws Exception {
        EngineLoop e = engines(PROVIDER);
        // Never started: no context at all, from the engine or its session.
        String why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(e.client)).getMessage();
        assertTrue(why.contains("no security context"), why);
        why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(e.client.getSession())).getMessage();
        assertTrue(why.contains("not a SecureChannel security context") || why.contains("no security context"), why);
        // Started: the ClientHello is out, the handshake is not done.
        e.client.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(e.client.getSession().getPacketBufferSize());
        e.client.wrap(ByteBuffer.allocate(0), hello);
        assertTrue(hello.position() > 0);
        why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(e.client)).getMessage();
        assertTrue(why.contains("handshake has not completed"), why);
        why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(e.client.getHandshakeSession())).getMessage();
        assertTrue(why.contains("handshake has not completed"), why);
    }

    @Test
    void aClosedEngineSaysWhyAndKeysTakenBeforeStopWorking() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey before = SecurityContextKey.of(e.client);
        Signature s = Signature.getInstance("SecurityContext", PROVIDER);
        s.initSign(before);
        javax.net.ssl.SSLSession session = e.client.getSession();
        // The client closes: close_notify out, the server answers with its own, both directions done.
        e.client.closeOutbound();
        closing(e.server, closing(e.client, null));
        e.server.closeOutbound();
        closing(e.client, closing(e.server, null));
        assertTrue(e.client.isInboundDone() && e.client.isOutboundDone());
        for (Object closed : List.of(e.client, session)) {
            String why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(closed)).getMessage();
            assertTrue(why.contains("closed"), closed + ": " + why);
        }
        assertTrue(assertThrows(InvalidKeyException.class, before::context).getMessage().contains("closed"));
        s.update(MESSAGE);
        assertThrows(java.security.SignatureException.class, s::sign);
        assertThrows(InvalidKeyException.class, () -> cipher(Cipher.ENCRYPT_MODE, before));
    }

    @Test
    void sunJsseEnginesAndSessionsAreNamed() throws Exception {
        EngineLoop e = engines("SunJSSE").handshake();
        for (Object foreign : List.of(e.client, e.server, e.client.getSession(), e.server.getSession())) {
            String why = assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(foreign)).getMessage();
            assertTrue(why.contains(foreign.getClass().getName()), why);
            assertTrue(why.contains("not a SecureChannel security context"), why);
        }
    }

    // ------------------------------------------------------------------ Signature

    @Test
    void signOnOneEngineVerifyOnTheOther() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey clientEngine = SecurityContextKey.of(e.client);
        SecurityContextKey clientSession = SecurityContextKey.of(e.client.getSession());
        SecurityContextKey serverEngine = SecurityContextKey.of(e.server);
        SecurityContextKey serverSession = SecurityContextKey.of(e.server.getSession());
        byte[] t0 = sign(clientEngine, MESSAGE);
        assertEquals(41, t0.length);
        assertEquals(1, t0[0]);
        assertTrue(verify(serverSession, MESSAGE, t0));
        // Engine and session are one context: one sequence per direction, whichever key is used.
        assertTrue(verify(serverEngine, MESSAGE, sign(clientSession, MESSAGE)));
        assertTrue(verify(clientEngine, MESSAGE, sign(serverEngine, MESSAGE)));
        assertTrue(verify(clientSession, MESSAGE, sign(serverSession, MESSAGE)));
        // And the engine API sees the same sequences.
        SecurityContext client = clientEngine.context();
        SecurityContext server = serverEngine.context();
        server.verifySignature(MESSAGE, client.makeSignature(MESSAGE));
        assertTrue(verify(clientSession, MESSAGE, server.makeSignature(MESSAGE)));
        // Messages pass through the engines' records meanwhile, undisturbed.
        byte[] big = data(20_000);
        assertArrayEquals(big, e.send(e.client, big));
        assertArrayEquals(big, e.send(e.server, big));
        assertTrue(verify(serverEngine, big, sign(clientEngine, big)));
    }

    @Test
    void everySingleBitTamperOfMessageAndTokenIsFalse() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey client = SecurityContextKey.of(e.client);
        SecurityContextKey server = SecurityContextKey.of(e.server.getSession());
        byte[] message = Arrays.copyOf(MESSAGE, 16);
        byte[] token = sign(client, message);
        Signature v = Signature.getInstance("SecurityContext", PROVIDER);
        v.initVerify(server);
        int tries = 0;
        for (int bit = 0; bit < message.length * 8; bit++, tries++) {
            byte[] m = message.clone();
            m[bit / 8] ^= (byte) (1 << (bit % 8));
            v.update(m);
            assertFalse(v.verify(token), "message bit " + bit);
        }
        for (int bit = 0; bit < token.length * 8; bit++, tries++) {
            byte[] t = token.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            v.update(message);
            assertFalse(v.verify(t), "token bit " + bit);
        }
        assertEquals((16 + 41) * 8, tries);
        // Truncated, extended, empty: false too, never an exception.
        for (byte[] t : List.of(Arrays.copyOf(token, 40), Arrays.copyOf(token, 42), new byte[0])) {
            v.update(message);
            assertFalse(v.verify(t), "length " + t.length);
        }
        // None of the failures moved the verifier: the genuine token still verifies, once.
        v.update(message);
        assertTrue(v.verify(token));
        v.update(message);
        assertFalse(v.verify(token), "replayed");
    }

    @Test
    void replayReorderReflectionAndWrongContextAreFalse() throws Exception {
        EngineLoop e = connected();
        EngineLoop other = connected();
        SecurityContextKey client = SecurityContextKey.of(e.client);
        SecurityContextKey server = SecurityContextKey.of(e.server);
        byte[] t0 = sign(client, MESSAGE);
        byte[] t1 = sign(client, MESSAGE);
        byte[] t2 = sign(client, MESSAGE);
        assertFalse(verify(server, MESSAGE, t1), "reordered: 1 before 0");
        assertFalse(verify(client, MESSAGE, t0), "reflected: the client's token back at the client");
        assertFalse(verify(SecurityContextKey.of(other.server), MESSAGE, t0), "another connection's server");
        assertFalse(verify(SecurityContextKey.of(other.client), MESSAGE, t0), "another connection's client");
        byte[] foreign = sign(SecurityContextKey.of(other.client), MESSAGE);
        assertFalse(verify(server, MESSAGE, foreign), "a token of another connection");
        assertTrue(verify(server, MESSAGE, t0));
        assertFalse(verify(server, MESSAGE, t0), "replayed");
        assertFalse(verify(server, MESSAGE, t2), "skipped ahead");
        assertTrue(verify(server, MESSAGE, t1));
        assertTrue(verify(server, MESSAGE, t2));
        // Server to client likewise; a server token reflected to the server is false.
        byte[] s0 = sign(server, MESSAGE);
        assertFalse(verify(server, MESSAGE, s0), "reflected: the server's token back at the server");
        assertTrue(verify(client, MESSAGE, s0));
        // The other connection still starts at sequence 0 and took no harm from the foreign tokens.
        assertTrue(verify(SecurityContextKey.of(other.server), MESSAGE, foreign));
    }

    @Test
    void aVerifyWindowSetOnTheEngineContextAcceptsDatagramOrder() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey client = SecurityContextKey.of(e.client);
        SecurityContextKey server = SecurityContextKey.of(e.server);
        server.context().verifyWindow(8);
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tokens.add(sign(client, MESSAGE));
        }
        for (int i : new int[] {2, 0, 1, 5, 3}) {
            assertTrue(verify(server, MESSAGE, tokens.get(i)), "token " + i);
        }
        assertFalse(verify(server, MESSAGE, tokens.get(3)), "replayed inside the window");
        assertTrue(verify(server, MESSAGE, tokens.get(11)));
        assertFalse(verify(server, MESSAGE, tokens.get(2)), "older than the window");
        assertTrue(verify(server, MESSAGE, tokens.get(4)), "inside the window, not seen yet");
    }

    @Test
    void signAndVerifyOnTwoThreadsWhileTheEnginesCarryData() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey client = SecurityContextKey.of(e.client);
        SecurityContextKey server = SecurityContextKey.of(e.server);
        BlockingQueue<byte[]> tokens = new ArrayBlockingQueue<>(16);
        int count = 300;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> signer = pool.submit(() -> {
                for (int i = 0; i < count; i++) {
                    tokens.put(sign(client, ByteBuffer.allocate(4).putInt(i).array()));
                }
                return null;
            });
            Future<Integer> verifier = pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < count; i++) {
                    byte[] t = tokens.poll(30, TimeUnit.SECONDS);
                    ok += verify(server, ByteBuffer.allocate(4).putInt(i).array(), t) ? 1 : 0;
                }
                return ok;
            });
            for (int i = 0; i < 50; i++) {
                byte[] d = data(1000 + i);
                assertArrayEquals(d, e.send(i % 2 == 0 ? e.client : e.server, d));
            }
            signer.get(60, TimeUnit.SECONDS);
            assertEquals(count, verifier.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ Cipher

    @Test
    void cipherOnOneEngineDecryptsWithThePeersCipher() throws Exception {
        EngineLoop e = connected();
        Cipher enc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.client));
        Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(e.server.getSession()));
        for (int size : new int[] {1, 100, 16384, 16385, 50_000}) {
            byte[] plain = data(size);
            assertArrayEquals(plain, dec.doFinal(enc.doFinal(plain)), "size " + size);
        }
        Cipher back = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.server));
        Cipher in = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(e.client.getSession()));
        byte[] plain = data(3000);
        byte[] records = back.doFinal(plain);
        // Any split: update keeps a partial record for later.
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int at = 0; at < records.length; at += 7) {
            got.writeBytes(in.update(records, at, Math.min(7, records.length - at)));
        }
        got.writeBytes(in.doFinal());
        assertArrayEquals(plain, got.toByteArray());
    }

    @Test
    void thePeerEngineUnwrapsCipherRecordsAndTheCipherDecryptsWrappedOnes() throws Exception {
        EngineLoop e = connected();
        Cipher enc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.client));
        byte[] plain = data(40_000);
        assertArrayEquals(plain, unwrap(e.server, enc.doFinal(plain)));
        Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(e.client.getSession()));
        byte[] reply = data(25_000);
        assertArrayEquals(reply, dec.doFinal(wrap(e.server, reply)));
        // The Cipher writes the records the engine wraps: same type, version and length for the same input.
        for (int size : new int[] {1, 1000, 16384}) {
            byte[] a = data(size);
            byte[] fromCipher = enc.doFinal(a);
            byte[] fromEngine = wrap(e.client, a);
            assertEquals(recordHeaders(fromEngine), recordHeaders(fromCipher), "size " + size);
            assertEquals(size + 22, fromCipher.length);
            assertArrayEquals(concat(a, a), unwrap(e.server, concat(fromCipher, fromEngine)));
        }
        // Larger input: full records first, as the context cuts them.
        assertEquals(List.of("170303 16401", "170303 633"), recordHeaders(enc.doFinal(data(17_000))));
    }

    @Test
    void cipherAndEngineRecordsInterleaveOnOneSequence() throws Exception {
        EngineLoop e = connected();
        Cipher enc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.client));
        byte[] a = data(500);
        byte[] b = data(20_000);
        byte[] c = data(700);
        byte[] d = data(9);
        // Client: engine, Cipher, engine, Cipher; the server engine reads them as one stream.
        byte[] stream = concat(wrap(e.client, a), enc.doFinal(b), wrap(e.client, c), enc.update(d));
        assertArrayEquals(concat(a, b, c, d), unwrap(e.server, stream));
        // Server to client, the receiver alternating between its engine and its Cipher, record by record.
        Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(e.client));
        Cipher serverEnc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.server.getSession()));
        byte[] r1 = wrap(e.server, a);
        byte[] r2 = serverEnc.doFinal(c);
        byte[] r3 = wrap(e.server, d);
        byte[] r4 = serverEnc.doFinal(a);
        assertArrayEquals(a, dec.doFinal(r1));
        assertArrayEquals(c, unwrap(e.client, r2));
        assertArrayEquals(d, dec.doFinal(r3));
        assertArrayEquals(a, unwrap(e.client, r4));
        // Out of turn (a record skipped) is a failed record, as on the wire.
        byte[] skipped = wrap(e.server, b);
        byte[] next = wrap(e.server, c);
        assertNotNull(skipped);
        assertThrows(AEADBadTagException.class, () -> dec.doFinal(next));
    }

    @Test
    void aTamperedRecordIsABadTagAndTheEngineSeesTheFailure() throws Exception {
        EngineLoop e = connected();
        byte[] records = wrap(e.server, data(300));
        records[records.length - 3] ^= 0x10;
        Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(e.client));
        assertThrows(AEADBadTagException.class, () -> dec.doFinal(records));
        // The shared context failed, as TLS requires: no new keys for it, and the engine's unwrap fails.
        assertThrows(InvalidKeyException.class, () -> SecurityContextKey.of(e.client));
        assertThrows(SSLException.class, () -> unwrap(e.client, wrap(e.server, data(10))));
    }

    // ------------------------------------------------------------------ KeyUpdate with Cipher and engine mixed

    @Test
    void aKeyUpdateTheEngineReceivesIsAnsweredWhenTheApplicationHonoursNeedWrap() throws Exception {
        EngineLoop e = connected();
        SecurityContextKey.of(e.server).context().requestKeyUpdate(true);
        byte[] first = data(100);
        assertArrayEquals(first, unwrap(e.client, wrap(e.server, first)));
        // The engine took the KeyUpdate and holds the reply: it says so, as SSLEngine does for any handshake data.
        assertEquals(SSLEngineResult.HandshakeStatus.NEED_WRAP, e.client.getHandshakeStatus());
        byte[] owed = wrap(e.client, new byte[0]);
        assertTrue(owed.length > 0);
        byte[] reply = data(200);
        byte[] records = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(e.client)).doFinal(reply);
        assertArrayEquals(reply, unwrap(e.server, concat(owed, records)));
        assertArrayEquals(first, e.send(e.server, first));
    }

    @Test
    void aKeyUpdateTheCipherReceivesIsAnsweredByWhoeverEncryptsNext() throws Exception {
        for (boolean engineFirst : new boolean[] {true, false}) {
            EngineLoop e = connected();
            SecurityContextKey.of(e.server).context().requestKeyUpdate(true);
            byte[] first = data(100);
            SecurityContextKey client = SecurityContextKey.of(e.client);
            assertArrayEquals(first, cipher(Cipher.DECRYPT_MODE, client).doFinal(wrap(e.server, first)));
            byte[] reply = data(200);
            byte[] records = engineFirst ? wrap(e.client, reply) : cipher(Cipher.ENCRYPT_MODE, client).doFinal(reply);
            assertEquals(27 + 200 + 22, records.length, "the KeyUpdate reply leads, engineFirst " + engineFirst);
            assertArrayEquals(reply, unwrap(e.server, records));
            // And both sides go on, either way, under the new keys.
            byte[] more = data(300);
            assertArrayEquals(more, e.send(e.client, more));
            assertArrayEquals(more, e.send(e.server, more));
        }
    }
}
