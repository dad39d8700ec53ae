package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * X25519MLKEM768 against BoringSSL (netty-tcnative-boringssl-static 2.0.84, Netty's OpenSSL SSLEngine), both
 * directions, with our defaults: BoringSSL's own hybrid code checks our byte order as BCJSSE's does. BoringSSL
 * does not report the group through the SSLEngine, so its side is proven by the completed handshake and data.
 */
@Timeout(60)
class BoringSslHybridInteropTest {
    private static final String HOST = SunJsseEngines.HOST;
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void setUp() {
        assumeTrue(OpenSsl.isAvailable(), () -> "netty-tcnative's BoringSSL does not load here: " + OpenSsl.unavailabilityCause());
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static SSLEngine boringServer(String... groups) throws Exception {
        SslContext ctx = SslContextBuilder.forServer(leaf.key(), leaf.chain().toArray(new X509Certificate[0]))
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3")
                .option(OpenSslContextOption.GROUPS, groups).build();
        return ctx.newEngine(ByteBufAllocator.DEFAULT);
    }

    private static SSLEngine boringClient(String... groups) throws Exception {
        SslContext ctx = SslContextBuilder.forClient().trustManager(pki.root())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.3")
                .option(OpenSslContextOption.GROUPS, groups).build();
        return ctx.newEngine(ByteBufAllocator.DEFAULT, HOST, 443);
    }

    private static ConnectionInfo run(SslEngineDriver d) throws Exception {
        try (d) {
            d.handshake();
            byte[] ping = "pq ping".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(ping, d.oursToEngine(ping));
            assertArrayEquals(ping, d.engineToOurs(ping));
            return d.ours.connectionInfo();
        }
    }

    @Test
    void ourDefaultClientAndBoringSslServer() throws Exception {
        ConnectionInfo info = run(new SslEngineDriver(SecurityContext.client(
                Credentials.client().trustAnchors(List.of(pki.root())).build(), HOST), boringServer("X25519MLKEM768", "X25519")));
        assertEquals(NamedGroup.X25519_MLKEM768, info.group());
        assertEquals(false, info.helloRetryRequest());
    }

    @Test
    void boringSslClientAndOurDefaultServer() throws Exception {
        ConnectionInfo info = run(new SslEngineDriver(SecurityContext.server(
                Credentials.server().certificate(leaf.chain(), leaf.key()).build()), boringClient("X25519MLKEM768", "X25519")));
        assertEquals(NamedGroup.X25519_MLKEM768, info.group());
        assertEquals(false, info.helloRetryRequest());
    }

    /** BoringSSL asking our client again for the hybrid: our first ClientHello shares only x25519 here. */
    @Test
    void boringSslServerRetriesOurClassicalFirstClient() throws Exception {
        ConnectionInfo info = run(new SslEngineDriver(SecurityContext.client(Credentials.client()
                .groups(NamedGroup.X25519, NamedGroup.X25519_MLKEM768).trustAnchors(List.of(pki.root())).build(), HOST),
                boringServer("X25519MLKEM768")));
        assertEquals(NamedGroup.X25519_MLKEM768, info.group());
        assertEquals(true, info.helloRetryRequest());
    }
}
