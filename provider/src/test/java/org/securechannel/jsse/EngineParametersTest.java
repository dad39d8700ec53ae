package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * SSLParameters that frameworks set and the first adapter ignored: SNIMatchers, AlgorithmConstraints, and
 * getHandshakeApplicationProtocol during the handshake. Every pair of providers is held to the same
 * assertions, so SunJSSE shows what they mean.
 */
class EngineParametersTest {
    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OURS = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static TestPki.Issued serverId;
    private static TestPki ca;

    record Pair(String name, Provider client, Provider server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(new Pair("SunJSSE<->SunJSSE", SUN, SUN), new Pair("SecureChannel<->SecureChannel", OURS, OURS),
                new Pair("SecureChannel client<->SunJSSE server", OURS, SUN),
                new Pair("SunJSSE client<->SecureChannel server", SUN, OURS));
    }

    @BeforeAll
    static void pki() {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static EngineLoop loop(Pair pair) throws Exception {
        SSLEngine client = EngineLoop.context(pair.client(), null, EngineLoop.trustManagers(ca.root())).createSSLEngine(HOST, 443);
        client.setUseClientMode(true);
        SSLEngine server = EngineLoop.context(pair.server(), EngineLoop.keyManagers("SunX509", serverId), null).createSSLEngine();
        server.setUseClientMode(false);
        return new EngineLoop(client, server);
    }

    private static void update(SSLEngine engine, java.util.function.Consumer<SSLParameters> change) {
        SSLParameters p = engine.getSSLParameters();
        change.accept(p);
        engine.setSSLParameters(p);
    }

    /** After a failed handshake: the failing side's alert leaves on its next wrap; the peer's unwrap reports it. */
    private static SSLException alertReachesPeer(SSLEngine failed, SSLEngine peer) throws Exception {
        ByteBuffer alert = ByteBuffer.allocate(failed.getSession().getPacketBufferSize());
        failed.wrap(ByteBuffer.allocate(0), alert);
        alert.flip();
        assertTrue(alert.hasRemaining(), "an alert went out");
        return assertThrows(SSLException.class, () -> {
            for (int i = 0; i < 10 && alert.hasRemaining(); i++) {
                peer.unwrap(alert, ByteBuffer.allocate(peer.getSession().getApplicationBufferSize()));
                Runnable task;
                while ((task = peer.getDelegatedTask()) != null) {
                    task.run();
                }
            }
        });
    }

    // ------------------------------------------------------------------ SNIMatchers

    @ParameterizedTest
    @MethodSource("pairs")
    void sniMatchingNoServerNameIsUnrecognizedName(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.server, p -> p.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("other\\.example"))));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, loop::handshake);
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("server name"), e.getMessage());
        SSLException atClient = alertReachesPeer(loop.server, loop.client);
        assertTrue(atClient.getMessage().contains("unrecognized_name"), atClient.getMessage());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void sniMatcherAcceptsItsName(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        List<SNIServerName> seen = new ArrayList<>();
        update(loop.server, p -> p.setSNIMatchers(List.of(new javax.net.ssl.SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                seen.add(name);
                return true;
            }
        })));
        loop.handshake();
        assertEquals(List.of(new SNIHostName(HOST)), seen);
        assertEquals(List.of(new SNIHostName(HOST)), ((ExtendedSSLSession) loop.server.getSession()).getRequestedServerNames());
    }

    // ------------------------------------------------------------------ AlgorithmConstraints

    @ParameterizedTest
    @MethodSource("pairs")
    void constraintsRemoveSuitesFromTheOffer(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.client, p -> p.setAlgorithmConstraints(deny("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")));
        loop.handshake();
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", loop.client.getSession().getCipherSuite());
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", loop.server.getSession().getCipherSuite());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void constraintsRemoveSignatureSchemes(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.client, p -> p.setAlgorithmConstraints(deny("SHA384withECDSA", "SHA512withECDSA")));
        loop.handshake();
        List<String> local = Arrays.asList(((ExtendedSSLSession) loop.client.getSession()).getLocalSupportedSignatureAlgorithms());
        assertFalse(local.contains("SHA384withECDSA"), local.toString());
        assertTrue(local.contains("SHA256withECDSA"), local.toString());

        // Without the only scheme the server's P-256 key can make, there is no handshake.
        EngineLoop refused = loop(pair);
        update(refused.client, p -> p.setAlgorithmConstraints(deny("SHA256withECDSA", "ecdsa_secp256r1_sha256")));
        assertThrows(SSLException.class, refused::handshake);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void withoutConstraintsTheSessionListsEverySchemeAndHandsOutCopies(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        loop.handshake();
        ExtendedSSLSession session = (ExtendedSSLSession) loop.client.getSession();
        String[] first = session.getLocalSupportedSignatureAlgorithms();
        assertTrue(Arrays.asList(first).containsAll(List.of("SHA256withECDSA", "SHA384withECDSA")), Arrays.toString(first));
        // Sessions share the context's list: what one caller scribbles on must not reach the next.
        Arrays.fill(first, "scribbled");
        assertTrue(Arrays.asList(session.getLocalSupportedSignatureAlgorithms()).contains("SHA256withECDSA"));
        EngineLoop second = loop(pair);
        second.handshake();
        assertTrue(Arrays.asList(((ExtendedSSLSession) second.client.getSession()).getLocalSupportedSignatureAlgorithms())
                .contains("SHA256withECDSA"));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void constraintsWithoutAnyGroupFailTheHandshake(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.server, p -> p.setAlgorithmConstraints(deny("x25519", "secp256r1", "secp384r1", "secp521r1",
                "x448", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192",
                "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024")));
        // SunJSSE says SSLProtocolException ("No common named group"), we SSLHandshakeException.
        assertThrows(SSLException.class, loop::handshake);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void constraintsThatPermitEverythingChangeNothing(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.client, p -> p.setAlgorithmConstraints(deny()));
        update(loop.server, p -> p.setAlgorithmConstraints(deny()));
        loop.handshake();
        assertNotEquals("SSL_NULL_WITH_NULL_NULL", loop.client.getSession().getCipherSuite());
    }

    private static AlgorithmConstraints deny(String... names) {
        Set<String> denied = Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return !denied.contains(algorithm.toLowerCase(Locale.ROOT));
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
                return permits(primitives, algorithm, parameters);
            }
        };
    }

    // ------------------------------------------------------------------ getHandshakeApplicationProtocol

    @ParameterizedTest
    @MethodSource("pairs")
    void handshakeApplicationProtocolDuringTheHandshake(Pair pair) throws Exception {
        EngineLoop loop = loop(pair);
        update(loop.client, p -> p.setApplicationProtocols(new String[] {"h2", "http/1.1"}));
        List<String> inSelector = new ArrayList<>();
        loop.server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            // What Jetty's ALPN selector reads: the handshake session's protocol and suite are already known.
            inSelector.add(engine.getHandshakeSession().getProtocol());
            inSelector.add(engine.getHandshakeSession().getCipherSuite());
            return offered.contains("h2") ? "h2" : "";
        });
        assertNull(loop.client.getHandshakeApplicationProtocol());
        loop.client.beginHandshake();
        loop.server.beginHandshake();
        loop.step(loop.client, loop.toServer, loop.toClient, true);
        assertNull(loop.client.getHandshakeApplicationProtocol(), "undecided before the server answered");
        loop.step(loop.server, loop.toClient, loop.toServer, false);
        loop.step(loop.server, loop.toClient, loop.toServer, false);
        assertEquals(2, inSelector.size());
        assertEquals("TLSv1.3", inSelector.get(0));
        assertTrue(inSelector.get(1).startsWith("TLS_A") || inSelector.get(1).startsWith("TLS_C"), inSelector.toString());
        assertEquals(0, loop.serverFinished);
        assertEquals("h2", loop.server.getHandshakeApplicationProtocol());
        loop.step(loop.client, loop.toServer, loop.toClient, true);
        // SunJSSE's client ends its handshake context (null from here on) as soon as its Finished is queued.
        if (pair.client() == OURS && loop.clientFinished == 0) {
            assertEquals("h2", loop.client.getHandshakeApplicationProtocol());
        }
        loop.handshake();
        assertEquals("h2", loop.client.getApplicationProtocol());
        assertEquals("h2", loop.server.getApplicationProtocol());
        assertNull(loop.client.getHandshakeApplicationProtocol(), "no handshake in progress");
        assertNull(loop.server.getHandshakeApplicationProtocol(), "no handshake in progress");
    }
}
