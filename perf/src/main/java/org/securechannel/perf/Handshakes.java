package org.securechannel.perf;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.securechannel.testing.TestPki.KeyType;

/**
 * One provider's client and server contexts for one handshake variant, the engines made from them, and
 * the checks that prove a handshake negotiated what the variant claims: every connection a full handshake,
 * or (made with {@code resume}) every connection after the first a TLS 1.2 session-ID resumption.
 */
public final class Handshakes {
    /** The handshake variants of the benchmarks; the first is the headline. */
    public enum Variant {
        ECDSA_P256_X25519(KeyType.EC_P256, "x25519", false),
        ECDSA_P256_SECP256R1(KeyType.EC_P256, "secp256r1", false),
        RSA2048_X25519(KeyType.RSA_2048, "x25519", false),
        ED25519_X25519(KeyType.ED25519, "x25519", false),
        ECDSA_P256_X25519_CLIENT_AUTH(KeyType.EC_P256, "x25519", true),
        /** The post-quantum hybrid (issue 13) beside ECDSA_P256_X25519 and RSA2048_X25519. */
        ECDSA_P256_X25519MLKEM768(KeyType.EC_P256, "X25519MLKEM768", false),
        RSA2048_X25519MLKEM768(KeyType.RSA_2048, "X25519MLKEM768", false),
        /** TLS 1.2: ECDHE-ECDSA with AES-128-GCM, the headline's certificate and group. */
        TLS12_ECDSA_P256_X25519(KeyType.EC_P256, "x25519", false, "TLSv1.2");

        final KeyType keyType;
        final String group;
        final boolean clientAuth;
        final String protocol;

        Variant(KeyType keyType, String group, boolean clientAuth) {
            this(keyType, group, clientAuth, "TLSv1.3");
        }

        Variant(KeyType keyType, String group, boolean clientAuth, String protocol) {
            this.keyType = keyType;
            this.group = group;
            this.clientAuth = clientAuth;
            this.protocol = protocol;
        }

        boolean tls12() {
            return "TLSv1.2".equals(protocol);
        }

        /** The variant whose version speaks {@code suite}: the headline, or its TLS 1.2 twin for a 1.2 suite. */
        public static Variant headlineFor(String suite) {
            return suite.startsWith("TLS_ECDHE_") ? TLS12_ECDSA_P256_X25519 : ECDSA_P256_X25519;
        }

        /** The AES-128-GCM suite of the variant's version. */
        public String defaultSuite() {
            return tls12() ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" : "TLS_AES_128_GCM_SHA256";
        }
    }

    /** One certificate per key type per JVM: every provider sees the same chains. */
    private static final Map<KeyType, Pki.Identity> SERVER_IDS = new ConcurrentHashMap<>();
    private static final Map<KeyType, Pki.Identity> CLIENT_IDS = new ConcurrentHashMap<>();
    /**
     * Where resuming client engines say they connect. Client session caches (every provider's) are keyed
     * by peer host and port; nothing listens there, the engines talk in memory.
     */
    private static final String PEER_HOST = "localhost";
    private static final int PEER_PORT = 443;

    public final String provider;
    public final Variant variant;
    public final String suite;
    public final Providers.Tls serverTls;
    public final Providers.Tls clientTls;
    public final boolean direct;
    /** Client engines name a peer, so each provider's client cache offers the session of the last connection. */
    public final boolean resume;

    public Handshakes(String provider, Variant variant, String suite, boolean direct) throws Exception {
        this(provider, variant, suite, direct, false);
    }

    public Handshakes(String provider, Variant variant, String suite, boolean direct, boolean resume) throws Exception {
        String reason = Applicability.reason(provider, variant, suite);
        if (reason != null) {
            throw new NotApplicable(provider + " " + variant + " " + suite + ": " + reason);
        }
        this.provider = provider;
        this.variant = variant;
        this.suite = suite;
        this.direct = direct;
        this.resume = resume;
        if (!"x25519".equals(variant.group) && !variant.group.equals("X25519MLKEM768")) {
            // JDK 17's SunJSSE takes its groups only from this property, read once per JVM: JMH runs each
            // parameter combination in its own fork, so the fork of this variant sets it before any handshake.
            // (No SunJSSE before JDK 27 has the hybrid; BCJSSE and SecureChannel get it per engine and context.)
            System.setProperty("jdk.tls.namedGroups", variant.group);
        }
        Pki.Identity serverId = SERVER_IDS.computeIfAbsent(variant.keyType, Pki::issue);
        Pki.Identity clientId = variant.clientAuth ? CLIENT_IDS.computeIfAbsent(variant.keyType, Pki::issue) : null;
        // SecureChannel offers X25519MLKEM768 first by default and reads jdk.tls.namedGroups when a context is
        // initialised: the variant's group is set around its contexts only, so other providers in the same JVM
        // (the in-process smoke run) keep their defaults.
        // One thread at a time: with JMH's -t 2 each thread builds its own contexts, and one thread's restore
        // must not land between the other's set and its context's init.
        synchronized (Handshakes.class) {
            String before = System.getProperty("jdk.tls.namedGroups");
            boolean scoped = Providers.SECURECHANNEL.equals(provider);
            if (scoped) {
                System.setProperty("jdk.tls.namedGroups", variant.group);
            }
            try {
                this.serverTls = Providers.context(provider, serverId, clientId == null ? serverId.root() : clientId.root());
                this.clientTls = Providers.context(provider, clientId, serverId.root());
            } finally {
                if (scoped && before == null) {
                    System.clearProperty("jdk.tls.namedGroups");
                } else if (scoped) {
                    System.setProperty("jdk.tls.namedGroups", before);
                }
            }
        }
    }

    public EnginePair.Buffers newBuffers(int appSize) {
        SSLSession s = newClientEngine().getSession();
        int net = Math.max(s.getPacketBufferSize(), 17 * 1024);
        return new EnginePair.Buffers(direct, 8 * net, Math.max(appSize, s.getApplicationBufferSize()) + 1024);
    }

    /**
     * Without {@code resume}, a client engine without a peer host: no provider will resume a session for
     * it, so every handshake is a full one. With it, an engine for {@link #PEER_HOST}:{@link #PEER_PORT}, to
     * which the client cache offers the last session. The set-up checks prove which it was.
     */
    public SSLEngine newClientEngine() {
        SSLEngine e = resume ? clientTls.context().createSSLEngine(PEER_HOST, PEER_PORT)
                : clientTls.context().createSSLEngine();
        e.setUseClientMode(true);
        configure(e);
        return e;
    }

    public SSLEngine newServerEngine() {
        SSLEngine e = serverTls.context().createSSLEngine();
        e.setUseClientMode(false);
        configure(e);
        if (variant.clientAuth) {
            e.setNeedClientAuth(true);
        }
        if (resume && !variant.tls12() && Providers.CONSCRYPT.equals(provider)) {
            // A Conscrypt server sends no TLS 1.3 NewSessionTicket unless asked (BoringSSL's SSL_OP_NO_TICKET is
            // Conscrypt's default), so its client would have nothing to offer; SunJSSE and ours send them by default.
            org.conscrypt.Conscrypt.setUseSessionTickets(e, true);
        }
        return e;
    }

    private void configure(SSLEngine e) {
        e.setEnabledProtocols(new String[] {variant.protocol});
        if (!Providers.CONSCRYPT.equals(provider) || variant.tls12()) {
            // BoringSSL's TLS 1.3 suites are fixed; naming only a TLS 1.3 suite leaves Conscrypt's (TLS 1.2)
            // cipher list empty and the handshake fails. Applicability keeps Conscrypt on its default suite.
            e.setEnabledCipherSuites(new String[] {suite});
        }
        if ("x25519".equals(variant.group)) {
            // Every provider offers x25519 first by default; the ServerHello check proves it was used.
            // (Restricting BCJSSE to x25519 alone would also disable ecdsa_secp256r1_sha256 there.)
            return;
        }
        if (e instanceof BCSSLEngine) {
            BCSSLEngine bc = (BCSSLEngine) e;
            BCSSLParameters p = bc.getParameters();
            p.setNamedGroups(new String[] {variant.group});
            bc.setParameters(p);
        } else {
            setNamedGroupsIfSupported(e, variant.group);
        }
    }

    /** SSLParameters.setNamedGroups exists from JDK 20; on 17 the jdk.tls.namedGroups property does it. */
    private static void setNamedGroupsIfSupported(SSLEngine e, String group) {
        Method m;
        try {
            m = SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException absent) {
            return;
        }
        SSLParameters p = e.getSSLParameters();
        try {
            m.invoke(p, (Object) new String[] {group});
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
        e.setSSLParameters(p);
    }

    public EnginePair newPair(EnginePair.Buffers buffers) {
        return new EnginePair(newClientEngine(), newServerEngine(), buffers);
    }

    /**
     * One connection: create both engines, handshake (full, or resumed with {@code resume}), a byte each
     * way, close_notify both ways.
     */
    public EnginePair connection(EnginePair.Buffers buffers, boolean check) throws Exception {
        EnginePair pair = newPair(buffers);
        if (check) {
            pair.captureHellos();
        }
        pair.handshake();
        pair.pingPong();
        if (check) {
            // Before close: Conscrypt's sessions forget their peer once the connection is closed.
            checkNegotiated(pair);
        }
        pair.close();
        return pair;
    }

    /**
     * Runs {@code n} connections and fails unless each was a full handshake with the variant's version,
     * suite, group, certificate type and client authentication; with {@code resume}, see {@link #verifyResumed}.
     */
    public void verify(EnginePair.Buffers buffers, int n) throws Exception {
        if (resume) {
            verifyResumed(buffers, n);
            return;
        }
        serverTls.trust().reset();
        clientTls.trust().reset();
        for (int i = 0; i < n; i++) {
            connection(buffers, true);
        }
        int serverChecks = clientTls.trust().serverChecks.get();
        int clientChecks = serverTls.trust().clientChecks.get();
        int expectedClientChecks = variant.clientAuth ? n : 0;
        if (serverChecks != n || clientChecks != expectedClientChecks) {
            throw new IllegalStateException(provider + " " + variant + ": " + n + " connections checked the server chain "
                    + serverChecks + " times and the client chain " + clientChecks + " times: not " + n
                    + " full handshakes");
        }
    }

    /**
     * One full connection that fills the client's cache, then {@code n} connections that must each resume
     * that session by its ID: the ClientHello offers the session's id and no ticket, the ServerHello echoes
     * it (RFC 5246 §7.4.1.3: the server resumes), and neither side checked a chain again (one server-chain
     * check in all, for the first connection). The wire is the proof, not {@code SSLSession.getId()}: not
     * every provider reports the wire's session id there.
     */
    private void verifyResumed(EnginePair.Buffers buffers, int n) throws Exception {
        if (!variant.tls12()) {
            verifyResumedWithTickets(buffers, n);
            return;
        }
        String where = provider + " " + variant + " " + suite + " resumed: ";
        serverTls.trust().reset();
        clientTls.trust().reset();
        byte[] id = null;
        for (int i = 0; i <= n; i++) {
            EnginePair pair = newPair(buffers).captureHellos();
            pair.handshake();
            pair.pingPong();
            checkNegotiated(pair);
            ClientHelloInfo offered = pair.clientHello();
            byte[] echoed = pair.serverHello().sessionId();
            pair.close();
            require(!offered.offersTicket(), where + "the ClientHello offers a session ticket: not a session-ID resumption");
            if (i == 0) {
                require(echoed.length > 0, where + "the server gave the session no id: nothing to resume by ID");
                require(clientTls.trust().serverChecks.get() == 1, where + "the first connection was not a full handshake");
                id = echoed;
                continue;
            }
            require(Arrays.equals(offered.sessionId(), id), where + "connection " + i + " did not offer the cached session's id");
            require(Arrays.equals(echoed, id), where + "connection " + i + ": the ServerHello does not echo the session id (a full handshake)");
        }
        int serverChecks = clientTls.trust().serverChecks.get();
        int clientChecks = serverTls.trust().clientChecks.get();
        require(serverChecks == 1 && clientChecks == 0, where + (n + 1) + " connections checked the server chain "
                + serverChecks + " times and the client chain " + clientChecks + " times: not 1 full and " + n + " resumed");
    }

    /**
     * TLS 1.3: one full connection whose tickets fill the client's cache (they arrive before the server's byte of
     * the ping-pong), then {@code n} connections whose ServerHello carries pre_shared_key (RFC 8446 §4.2.11: the
     * server resumes the offered ticket), with one server-chain check in all.
     */
    private void verifyResumedWithTickets(EnginePair.Buffers buffers, int n) throws Exception {
        String where = provider + " " + variant + " " + suite + " resumed: ";
        serverTls.trust().reset();
        clientTls.trust().reset();
        for (int i = 0; i <= n; i++) {
            EnginePair pair = newPair(buffers).captureHellos();
            pair.handshake();
            pair.pingPong();
            checkNegotiated(pair);
            boolean resumed = pair.serverHello().preSharedKey();
            pair.close();
            require(resumed == (i > 0), where + "connection " + i + (i == 0 ? " resumed" : " was a full handshake"));
        }
        int serverChecks = clientTls.trust().serverChecks.get();
        require(serverChecks == 1, where + (n + 1) + " connections checked the server chain " + serverChecks
                + " times: not 1 full and " + n + " resumed");
    }

    /** The negotiated protocol, suite, group (from the wire), and the peer's certificate type. */
    public void checkNegotiated(EnginePair pair) throws Exception {
        String where = provider + " " + variant + " " + suite + ": ";
        ServerHelloInfo hello = pair.serverHello();
        SSLSession session = pair.client.getSession();
        require(!hello.helloRetryRequest(), where + "HelloRetryRequest instead of a 1-RTT handshake");
        require(hello.version() == (variant.tls12() ? 0x0303 : 0x0304), where + "ServerHello version " + Integer.toHexString(hello.version()));
        require(ServerHelloInfo.suiteName(hello.cipherSuite()).equals(suite),
                where + "ServerHello suite " + ServerHelloInfo.suiteName(hello.cipherSuite()));
        // TLS 1.2 names the group in ServerKeyExchange: checked when the first flight's capture holds it.
        require(hello.group() == -1 && variant.tls12() || ServerHelloInfo.groupName(hello.group()).equals(variant.group),
                where + "ServerHello group " + ServerHelloInfo.groupName(hello.group()));
        if (!variant.tls12() && !resume) {
            require(!hello.preSharedKey(), where + "the server resumed a ticket");
        }
        if (variant.tls12() && !resume) {
            // A TLS 1.2 server that echoes a non-empty offered id resumes (RFC 5246 §7.4.1.3).
            byte[] offered = pair.clientHello().sessionId();
            require(offered.length == 0 || !Arrays.equals(offered, hello.sessionId()), where + "the server resumed a session");
        }
        require(variant.protocol.equals(session.getProtocol()), where + "session protocol " + session.getProtocol());
        require(suite.equals(session.getCipherSuite()), where + "session suite " + session.getCipherSuite());
        String keyAlg = session.getPeerCertificates()[0].getPublicKey().getAlgorithm();
        require(keyAlgorithmMatches(keyAlg), where + "server certificate key " + keyAlg);
        if (variant.clientAuth) {
            require(pair.server.getSession().getPeerCertificates().length > 0, where + "no client certificate");
        }
    }

    private boolean keyAlgorithmMatches(String alg) {
        switch (variant.keyType) {
            case EC_P256: return "EC".equals(alg);
            case RSA_2048: return "RSA".equals(alg);
            case ED25519: return "Ed25519".equals(alg) || "EdDSA".equals(alg);
            default: return false;
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
