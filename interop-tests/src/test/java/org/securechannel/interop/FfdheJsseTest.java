package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * FFDHE through the JSSE names: our SSLEngine configured with {@code jdk.tls.namedGroups=ffdhe...} (read at
 * SSLContext init, as SunJSSE reads it) against SunJSSE, which supports the RFC 7919 groups in TLS 1.3. What
 * went over the wire is read from the first flight of a twin engine from the same context.
 */
class FfdheJsseTest {
    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OURS = new SecureChannelProvider();
    private static TestPki.Issued serverId;
    private static java.security.cert.X509Certificate root;

    @BeforeAll
    static void setUp() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        root = ca.root();
        serverId = ca.issue(TestPki.KeyType.EC_P256, "server.example");
        // SunJSSE reads jdk.tls.namedGroups once per JVM, on first use: have it read the real value now, so that
        // setting the property below for our context cannot leak into SunJSSE for the rest of the run.
        new EngineLoop(sunClient(), server(SUN)).handshake();
    }

    /** Our SSLContext, initialised while jdk.tls.namedGroups says {@code groups}; the property is restored after. */
    private static SSLContext ours(String groups, boolean server) throws Exception {
        String before = System.getProperty("jdk.tls.namedGroups");
        System.setProperty("jdk.tls.namedGroups", groups);
        try {
            return EngineLoop.context(OURS, server ? EngineLoop.keyManagers("SunX509", serverId) : null,
                    EngineLoop.trustManagers(root));
        } finally {
            if (before == null) {
                System.clearProperty("jdk.tls.namedGroups");
            } else {
                System.setProperty("jdk.tls.namedGroups", before);
            }
        }
    }

    private static SSLEngine client(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine("server.example", 443);
        e.setUseClientMode(true);
        return e;
    }

    private static SSLEngine sunClient() throws Exception {
        return client(EngineLoop.context(SUN, null, EngineLoop.trustManagers(root)));
    }

    private static SSLEngine server(Provider provider) throws Exception {
        return server(EngineLoop.context(provider, EngineLoop.keyManagers("SunX509", serverId), EngineLoop.trustManagers(root)));
    }

    private static SSLEngine server(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    /** The engine's first flight (a client's ClientHello, or a server's answer to {@code in}). */
    private static byte[] firstFlight(SSLEngine engine, byte[] in) throws Exception {
        engine.beginHandshake();
        if (in != null) {
            SSLEngineResult r = engine.unwrap(ByteBuffer.wrap(in), ByteBuffer.allocate(1 << 16));
            assertEquals(SSLEngineResult.Status.OK, r.getStatus());
            for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                task.run();
            }
        }
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The body of the first handshake message in a plaintext handshake record. */
    private static byte[] firstMessageBody(byte[] records) {
        assertEquals(22, records[0]);
        int length = ((records[6] & 0xFF) << 16) | ((records[7] & 0xFF) << 8) | (records[8] & 0xFF);
        return Arrays.copyOfRange(records, 9, 9 + length);
    }

    private static void roundTrip(EngineLoop loop) throws Exception {
        byte[] data = new byte[20_000];
        new java.util.Random(3).nextBytes(data);
        assertArrayEquals(data, loop.send(loop.client, data));
        assertArrayEquals(data, loop.send(loop.server, data));
    }

    @Test
    void ourClientWithNamedGroupsFfdhe2048AgainstSunJsse() throws Exception {
        SSLContext ctx = ours("ffdhe2048", false);
        ClientHello hello = ClientHello.parse(firstMessageBody(firstFlight(client(ctx), null)));
        assertEquals(List.of(NamedGroup.FFDHE2048.code()),
                SupportedGroupsExtension.parse(hello.extension(ExtensionType.SUPPORTED_GROUPS).data()));
        List<KeyShareExtension.KeyShareEntry> shares = KeyShareExtension.parseClient(hello.extension(ExtensionType.KEY_SHARE).data());
        assertEquals(1, shares.size());
        assertEquals(NamedGroup.FFDHE2048.code(), shares.get(0).group());
        assertEquals(256, shares.get(0).keyExchange().length, "the public value padded to the prime's length");

        SunJsseFfdheDefect.run(NamedGroup.FFDHE2048, () -> {
            EngineLoop loop = new EngineLoop(client(ctx), server(SUN)).handshake();
            assertEquals("TLSv1.3", loop.client.getSession().getProtocol());
            roundTrip(loop);
        });
    }

    /** Several names, in the property's order; SunJSSE's client leads with x25519, so our server asks again. */
    @Test
    void ourServerWithNamedGroupsFfdheAgainstSunJsseAsksForItsFirst() throws Exception {
        SSLContext ctx = ours("ffdhe3072,ffdhe4096", true);
        byte[] sunHello = firstFlight(sunClient(), null);
        ServerHello answer = ServerHello.parse(firstMessageBody(firstFlight(server(ctx), sunHello)));
        assertTrue(answer.isHelloRetryRequest(), "SunJSSE's first share is not for an FFDHE group");
        assertEquals(NamedGroup.FFDHE3072.code(),
                KeyShareExtension.parseHelloRetryRequest(answer.extension(ExtensionType.KEY_SHARE).data()));

        SunJsseFfdheDefect.run(NamedGroup.FFDHE3072, () -> {
            EngineLoop loop = new EngineLoop(sunClient(), server(ctx)).handshake();
            assertEquals("TLSv1.3", loop.server.getSession().getProtocol());
            roundTrip(loop);
        });
    }
}
