package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.jca.SecurityContextHolder;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Hybrid post-quantum key exchange against Bouncy Castle's BCJSSE (bctls 1.84 on bcprov 1.87), a TLS stack
 * nobody here wrote, in the JVM, both directions. BCJSSE does not report the negotiated group, so its side is
 * proven by the handshake itself: both sides derive the handshake keys from the group's shared secret, so a
 * completed handshake with data both ways means BCJSSE split, validated and combined the hybrid's halves in
 * the order we did (draft-ietf-tls-ecdhe-mlkem: ML-KEM first for X25519MLKEM768, ECDH first for SecP*). Our
 * side reports the group (connectionInfo). BCJSSE's groups are chosen through jdk.tls.namedGroups, which it
 * reads when a context is initialised, as we do.
 */
@Timeout(120)
class BcjsseHybridInteropTest {
    private static final String HOST = SunJsseEngines.HOST;
    private static final Provider BCJSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        // RSA: BCJSSE 1.84 over the BC JCA provider (which its ML-KEM needs on JDK 17) offers no ECDSA scheme here.
        pki = TestPki.ca(KeyType.RSA_2048);
        leaf = pki.issue(KeyType.RSA_2048, HOST);
    }

    /** Runs {@code init} with jdk.tls.namedGroups set to {@code groups} (null: unset), restoring it after. */
    private static <T> T withNamedGroups(String groups, Callable<T> init) throws Exception {
        String before = System.getProperty("jdk.tls.namedGroups");
        try {
            if (groups == null) {
                System.clearProperty("jdk.tls.namedGroups");
            } else {
                System.setProperty("jdk.tls.namedGroups", groups);
            }
            return init.call();
        } finally {
            if (before == null) {
                System.clearProperty("jdk.tls.namedGroups");
            } else {
                System.setProperty("jdk.tls.namedGroups", before);
            }
        }
    }

    private static SSLContext bcServerContext(String groups) throws Exception {
        return bcContext(groups, EngineLoop.keyManagers("PKIX", leaf));
    }

    private static SSLContext bcClientContext(String groups) throws Exception {
        return bcContext(groups, null);
    }

    /** With a SecureRandom of ours: BCJSSE 1.84 cannot find its "DEFAULT" SecureRandom in bcprov 1.87. */
    private static SSLContext bcContext(String groups, javax.net.ssl.KeyManager[] km) throws Exception {
        return withNamedGroups(groups, () -> {
            SSLContext c = SSLContext.getInstance("TLSv1.3", BCJSSE);
            c.init(km, EngineLoop.trustManagers(pki.root()), new java.security.SecureRandom());
            return c;
        });
    }

    private static SSLEngine server(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    private static SSLEngine client(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        return e;
    }

    private static ConnectionInfo ourClient(Credentials.Builder c, SSLEngine bcServer) throws Exception {
        try (SslEngineDriver d = new SslEngineDriver(SecurityContext.client(
                c.trustAnchors(List.of(pki.root())).build(), HOST), bcServer).handshake()) {
            exchange(d);
            return d.ours.connectionInfo();
        }
    }

    private static ConnectionInfo ourServer(Credentials.Builder s, SSLEngine bcClient) throws Exception {
        try (SslEngineDriver d = new SslEngineDriver(SecurityContext.server(
                s.certificate(leaf.chain(), leaf.key()).build()), bcClient).handshake()) {
            exchange(d);
            return d.ours.connectionInfo();
        }
    }

    private static void exchange(SslEngineDriver d) throws Exception {
        byte[] ping = "hybrid ping".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(ping, d.oursToEngine(ping));
        assertArrayEquals(ping, d.engineToOurs(ping));
    }

    private static void assertGroup(NamedGroup group, boolean retry, ConnectionInfo info) {
        assertEquals(group, info.group(), info.toString());
        assertEquals(retry, info.helloRetryRequest(), info.toString());
    }

    /** Both stacks with their defaults: BCJSSE's server takes the hybrid share of our default ClientHello. */
    @Test
    void ourDefaultClientAndDefaultBcjsseServer() throws Exception {
        assertGroup(NamedGroup.X25519_MLKEM768, false, ourClient(Credentials.client(), server(bcServerContext(null))));
    }

    /**
     * BCJSSE's default client lists X25519MLKEM768 first but shares only x25519; our default server asks for the
     * hybrid (ServerGroupPreference), so the two defaults still end post-quantum, one round trip later.
     */
    @Test
    void defaultBcjsseClientAndOurDefaultServer() throws Exception {
        assertGroup(NamedGroup.X25519_MLKEM768, true, ourServer(Credentials.server(), client(bcClientContext(null))));
    }

    /** BCJSSE offering hybrids first (jdk.tls.namedGroups), each direction, each hybrid both stacks have. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void bcjsseServerWithOneHybrid(NamedGroup group) throws Exception {
        assertGroup(group, false, ourClient(Credentials.client().groups(group), server(bcServerContext(group.ianaName()))));
    }

    /** BCJSSE shares only its classical group when it has one, so with x25519 beside the hybrid we ask again. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519_MLKEM768", "SECP256R1_MLKEM768", "SECP384R1_MLKEM1024"})
    void bcjsseClientWithOneHybrid(NamedGroup group) throws Exception {
        assertGroup(group, false, ourServer(Credentials.server(), client(bcClientContext(group.ianaName()))));
        assertGroup(group, true, ourServer(Credentials.server(), client(bcClientContext(group.ianaName() + ",x25519"))));
    }

    /** Our default client (X25519MLKEM768 and x25519 shares) and a BCJSSE server preferring the hybrid. */
    @Test
    void ourDefaultClientAndBcjsseServerPreferringTheHybrid() throws Exception {
        assertGroup(NamedGroup.X25519_MLKEM768, false,
                ourClient(Credentials.client(), server(bcServerContext("X25519MLKEM768,x25519"))));
    }

    /** HelloRetryRequest to a hybrid, both ways: the first ClientHello shares only x25519. */
    @Test
    void retryToX25519MlKem768FromBcjsseServer() throws Exception {
        assertGroup(NamedGroup.X25519_MLKEM768, true, ourClient(
                Credentials.client().groups(NamedGroup.X25519, NamedGroup.X25519_MLKEM768),
                server(bcServerContext("X25519MLKEM768"))));
    }

    @Test
    void retryToX25519MlKem768FromOurServer() throws Exception {
        assertGroup(NamedGroup.X25519_MLKEM768, true, ourServer(Credentials.server().groups(NamedGroup.X25519_MLKEM768),
                client(bcClientContext("x25519,X25519MLKEM768"))));
    }

    /** A peer with only classical groups still connects, without a retry. */
    @Test
    void classicalOnlyBcjsseStillConnects() throws Exception {
        assertGroup(NamedGroup.X25519, false, ourClient(Credentials.client(), server(bcServerContext("x25519,secp256r1"))));
        assertGroup(NamedGroup.SECP256R1, false, ourServer(Credentials.server(), client(bcClientContext("secp256r1"))));
    }

    /**
     * Unchanged JSSE applications: our provider's SSLContext against BCJSSE's, engine to engine, all defaults except
     * that BCJSSE's server is told to prefer the hybrid (its default server answers our two shares with whichever it
     * lists first).
     */
    @Test
    void ourJsseProviderAndBcjsseNegotiateX25519MlKem768BothWays() throws Exception {
        SSLContext ours = withNamedGroups(null, () -> EngineLoop.context(new SecureChannelProvider(),
                EngineLoop.keyManagers("SunX509", leaf), EngineLoop.trustManagers(pki.root())));
        EngineLoop toBc = new EngineLoop(client(ours), server(bcServerContext("X25519MLKEM768,x25519"))).handshake();
        assertEquals(NamedGroup.X25519_MLKEM768, groupOf(toBc.client));
        EngineLoop fromBc = new EngineLoop(client(bcClientContext(null)), server(ours)).handshake();
        assertEquals(NamedGroup.X25519_MLKEM768, groupOf(fromBc.server));
    }

    /** jdk.tls.namedGroups turns hybrids off on our side; SSLParameters.setNamedGroups (JDK 20+) overrides it. */
    @Test
    void namedGroupsPropertyAndParametersSelectOurGroups() throws Exception {
        SSLContext classical = withNamedGroups("x25519,secp256r1", () -> EngineLoop.context(new SecureChannelProvider(),
                null, EngineLoop.trustManagers(pki.root())));
        SSLEngine c = client(classical);
        EngineLoop loop = new EngineLoop(c, server(bcServerContext("X25519MLKEM768,x25519"))).handshake();
        assertEquals(NamedGroup.X25519, groupOf(loop.client));

        assumeTrue(Runtime.version().feature() >= 20, "SSLParameters.setNamedGroups arrived in JDK 20");
        SSLEngine only = client(classical);
        SSLParameters p = only.getSSLParameters();
        SSLParameters.class.getMethod("setNamedGroups", String[].class).invoke(p, (Object) new String[] {"SecP256r1MLKEM768"});
        only.setSSLParameters(p);
        String[] back = (String[]) SSLParameters.class.getMethod("getNamedGroups").invoke(only.getSSLParameters());
        assertArrayEquals(new String[] {"SecP256r1MLKEM768"}, back);
        EngineLoop hybrid = new EngineLoop(only, server(bcServerContext("SecP256r1MLKEM768,x25519"))).handshake();
        assertEquals(NamedGroup.SECP256R1_MLKEM768, groupOf(hybrid.client));
    }

    private static NamedGroup groupOf(SSLEngine ours) throws Exception {
        return ((SecurityContextHolder) ours).securityContext().connectionInfo().group();
    }
}
