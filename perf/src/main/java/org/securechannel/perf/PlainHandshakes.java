package org.securechannel.perf;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The full TLS 1.3 handshake the way a harness written outside this project measures it (issue 16, "figures
 * others can reproduce"): every provider's SSLContext initialised with the JDK's default key and trust manager
 * factories ({@code KeyManagerFactory.getDefaultAlgorithm()} = SunX509, {@code TrustManagerFactory} PKIX over
 * the CA of a leaf + CA chain), handed to the provider unwrapped; engines made with {@code createSSLEngine()}
 * (no peer host, so no client cache resumes); each server's ticket behaviour as shipped (SecureChannel sends two
 * NewSessionTickets, SunJSSE one, Conscrypt none unless asked). {@link FullHandshakeBenchmark}'s default harness
 * differs in exactly these places: it wraps each provider's own trust manager factory's manager in a counting
 * one, and gives SunJSSE its PKIX key manager factory.
 *
 * <p>{@code pinGroup}: x25519 and AES-128-GCM, as the checked harness has them, where a provider's default would
 * be something else (SecureChannel offers X25519MLKEM768 first, SunJSSE's client AES-256-GCM first); without it
 * every default stands, as a stranger's harness has it. Set-up proves each connection was a full TLS 1.3 handshake from the wire (ServerHello without
 * pre_shared_key) and reports the group and the bytes the server sent after its handshake (the tickets).
 */
public final class PlainHandshakes {
    private static final char[] PASSWORD = "plain".toCharArray();
    private static final Pki.Identity SERVER_ID = Pki.issue(KeyType.EC_P256);

    private final String provider;
    private final boolean pinGroup;
    private final SSLContext server;
    private final SSLContext client;
    private boolean askConscryptForTickets;

    /**
     * {@code serverTickets} false sets {@code jdk.tls.server.enableSessionTicketExtension=false} for the fork
     * before any context exists: SecureChannel then sends no NewSessionTicket, SunJSSE falls back to stateful
     * tickets (still one), Conscrypt sends none either way.
     */
    public PlainHandshakes(String provider, boolean pinGroup, boolean serverTickets) throws Exception {
        this.provider = provider;
        this.pinGroup = pinGroup;
        if (!serverTickets) {
            System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
        }
        // SecureChannel reads jdk.tls.namedGroups when a context is initialised (SunJSSE 17 once per JVM, and it
        // offers x25519 first anyway): scoped to our contexts, as Handshakes does.
        boolean scoped = pinGroup && Providers.SECURECHANNEL.equals(provider);
        String before = System.getProperty("jdk.tls.namedGroups");
        if (scoped) {
            System.setProperty("jdk.tls.namedGroups", "x25519");
        }
        try {
            server = context(provider, SERVER_ID);
            client = context(provider, null);
        } finally {
            if (scoped && before == null) {
                System.clearProperty("jdk.tls.namedGroups");
            } else if (scoped) {
                System.setProperty("jdk.tls.namedGroups", before);
            }
        }
    }

    private static SSLContext context(String provider, Pki.Identity identity) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (identity != null) {
            keys.setKeyEntry("server", identity.key(), PASSWORD, identity.chain().toArray(new X509Certificate[0]));
        }
        kmf.init(keys, PASSWORD);
        // The JDK's PKIX trust manager, except for Conscrypt: given it, a Conscrypt client fails every TLS 1.3
        // handshake ("Unknown authType: GENERIC"), so a harness must take Conscrypt's own PKIX factory.
        TrustManagerFactory tmf = Providers.CONSCRYPT.equals(provider)
                ? TrustManagerFactory.getInstance("PKIX", Providers.provider(provider))
                : TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", SERVER_ID.root());
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", Providers.provider(provider));
        ctx.init(identity == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    public EnginePair.Buffers newBuffers() {
        SSLEngine e = client.createSSLEngine();
        int net = Math.max(e.getSession().getPacketBufferSize(), 17 * 1024);
        return new EnginePair.Buffers(false, 8 * net, e.getSession().getApplicationBufferSize() + 1024);
    }

    private EnginePair newPair(EnginePair.Buffers buffers) {
        return newPair(buffers, client.createSSLEngine());
    }

    private EnginePair newPair(EnginePair.Buffers buffers, SSLEngine c) {
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {"TLSv1.3"});
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        s.setEnabledProtocols(new String[] {"TLSv1.3"});
        if (pinGroup && !Providers.CONSCRYPT.equals(provider)) {
            // The checked harness's suite (SunJSSE's client offers AES-256-GCM first); BoringSSL's is fixed and
            // AES-128-GCM first on AES hardware.
            c.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
            s.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        }
        if (askConscryptForTickets && Providers.CONSCRYPT.equals(provider)) {
            org.conscrypt.Conscrypt.setUseSessionTickets(s, true);
        }
        return new EnginePair(c, s, buffers);
    }

    /**
     * Whether a Conscrypt server sends NewSessionTickets (it sends none unless asked; the benchmark keeps its
     * default, {@link SessionFootprint} asks, so that its client has sessions to cache).
     */
    void askConscryptForTickets() {
        askConscryptForTickets = true;
    }

    SSLContext clientContext() {
        return client;
    }

    SSLContext serverContext() {
        return server;
    }

    /** As {@link #connection(EnginePair.Buffers)}, the client engine made for {@code host:port}, so its cache keeps the session. */
    EnginePair connection(EnginePair.Buffers buffers, String host, int port) throws Exception {
        EnginePair pair = newPair(buffers, client.createSSLEngine(host, port));
        pair.handshake();
        pair.pingPong();
        pair.close();
        return pair;
    }

    /** One operation: new engines, full handshake, a byte each way (the client reads the tickets), close_notify both ways. */
    public EnginePair connection(EnginePair.Buffers buffers) throws Exception {
        EnginePair pair = newPair(buffers);
        pair.handshake();
        pair.pingPong();
        pair.close();
        return pair;
    }

    /**
     * Runs {@code n} connections and fails unless each was a full TLS 1.3 handshake on x25519 (when pinned) with
     * an ECDSA server certificate; returns what the last one negotiated and what its server sent after the
     * handshake, for the log.
     */
    public String verify(EnginePair.Buffers buffers, int n) throws Exception {
        String where = provider + " plain" + (pinGroup ? "" : " (defaults)") + ": ";
        String seen = "";
        for (int i = 0; i < n; i++) {
            EnginePair pair = newPair(buffers).captureHellos();
            pair.handshake();
            // Whatever the server wrote once both engines are idle is post-handshake: its NewSessionTickets.
            ByteBuffer pending = buffers.toClient.duplicate().flip();
            int ticketBytes = pending.remaining();
            int ticketRecords = records(pending);
            ServerHelloInfo hello = pair.serverHello();
            Handshakes.require(hello.version() == 0x0304 && !hello.helloRetryRequest(), where + "not a 1-RTT TLS 1.3 handshake");
            Handshakes.require(!hello.preSharedKey(), where + "the server resumed a ticket");
            String group = ServerHelloInfo.groupName(hello.group());
            Handshakes.require(!pinGroup || "x25519".equals(group), where + "group " + group);
            pair.pingPong();
            Handshakes.require("TLSv1.3".equals(pair.client.getSession().getProtocol()), where + "protocol");
            Handshakes.require("EC".equals(pair.client.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm()),
                    where + "server certificate");
            pair.close();
            seen = where + group + ", " + ServerHelloInfo.suiteName(hello.cipherSuite()) + "; after its handshake the server sent "
                    + ticketBytes + " bytes in " + ticketRecords + " records (NewSessionTickets)";
        }
        return seen;
    }

    /** TLS records in {@code b} (complete ones). */
    private static int records(ByteBuffer b) {
        int n = 0;
        while (b.remaining() >= 5) {
            int length = b.getShort(b.position() + 3) & 0xFFFF;
            if (b.remaining() < 5 + length) {
                break;
            }
            b.position(b.position() + 5 + length);
            n++;
        }
        return n;
    }
}
