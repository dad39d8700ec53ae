package org.securechannel.interop;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki;

/**
 * SunJSSE engines configured from {@link TestPki} material: the JDK's own TLS 1.3, as an application
 * would set it up (PKCS12 key store, PKIX key and trust manager factories). Not a test class.
 */
final class SunJsseEngines {
    static final String HOST = "server.example";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private SunJsseEngines() {
    }

    /** A SunJSSE TLSv1.3 context with {@code identity} (may be null) and trusting {@code anchors}. */
    static SSLContext context(TestPki.Issued identity, X509Certificate... anchors) throws Exception {
        return context(identity, false, anchors);
    }

    /**
     * As above; with {@code ignoreIssuers} the key manager offers the identity whatever certificate
     * authorities the peer named, so a peer can be shown a certificate it does not trust.
     */
    static SSLContext context(TestPki.Issued identity, boolean ignoreIssuers, X509Certificate... anchors) throws Exception {
        KeyManager[] kms = null;
        if (identity != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("identity", identity.key(), PASSWORD, identity.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, PASSWORD);
            kms = kmf.getKeyManagers();
            if (ignoreIssuers) {
                kms = new KeyManager[] {new IssuerBlindKeyManager((X509ExtendedKeyManager) kms[0])};
            }
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            ts.setCertificateEntry("anchor-" + i, anchors[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        TrustManager[] tms = tmf.getTrustManagers();
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        ctx.init(kms, tms, null);
        return ctx;
    }

    static SSLEngine server(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    /** A client engine for {@link #HOST} (sent as SNI) that checks the host name like HTTPS does. */
    static SSLEngine client(SSLContext ctx) {
        SSLEngine e = ctx.createSSLEngine(HOST, 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    /**
     * Limits the engine's key-exchange groups to {@code allowed}. JDK 17 has no
     * {@code SSLParameters.setNamedGroups} (JDK 20+), and {@code jdk.tls.namedGroups} is read once per JVM,
     * so this goes through the engine's algorithm constraints: SunJSSE asks them, by group name, whether each
     * named group may be used for KEY_AGREEMENT.
     */
    static void onlyGroups(SSLEngine engine, NamedGroup... allowed) {
        SSLParameters p = engine.getSSLParameters();
        p.setAlgorithmConstraints(new GroupConstraints(allowed));
        engine.setSSLParameters(p);
    }

    static void suites(SSLEngine engine, String... suites) {
        engine.setEnabledCipherSuites(suites);
    }

    static void alpn(SSLEngine engine, String... protocols) {
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(protocols);
        engine.setSSLParameters(p);
    }

    /** Chooses aliases as if the peer had named no certificate authorities. */
    private static final class IssuerBlindKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        IssuerBlindKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, null);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, null, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, null, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, null, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineServerAlias(keyType, null, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** Which side SecureChannel plays; SunJSSE plays the other. */
    enum Direction { OUR_CLIENT, OUR_SERVER }

    /**
     * One interop connection: a server identity, optionally a client identity, and tweaks for each side.
     * Our client trusts {@link #clientTrusts} (the server CA by default) and authenticates {@link #serverName};
     * a SunJSSE client always authenticates {@link #HOST} with HTTPS endpoint identification.
     */
    static final class Setup {
        final Direction direction;
        final TestPki.Issued serverIdentity;
        TestPki.Issued clientIdentity;
        X509Certificate clientTrusts;
        X509Certificate serverTrusts;
        String serverName = HOST;
        boolean engineIgnoresIssuers;
        UnaryOperator<Credentials.Builder> ours = b -> b;
        Consumer<SSLEngine> engine = e -> { };

        Setup(Direction direction, TestPki.Issued serverIdentity) {
            this.direction = direction;
            this.serverIdentity = serverIdentity;
            this.clientTrusts = serverIdentity.root();
        }

        /** A server with a fresh CA and leaf for {@link #HOST}, both of {@code type}. */
        static Setup of(Direction direction, TestPki.KeyType type) {
            return new Setup(direction, TestPki.ca(type).issue(type, HOST));
        }

        Setup ours(UnaryOperator<Credentials.Builder> tweak) {
            this.ours = tweak;
            return this;
        }

        Setup engine(Consumer<SSLEngine> tweak) {
            this.engine = tweak;
            return this;
        }

        /** The client presents {@code identity}; the server trusts its root. */
        Setup clientIdentity(TestPki.Issued identity) {
            this.clientIdentity = identity;
            this.serverTrusts = identity.root();
            return this;
        }

        /** SunJSSE's key manager offers its identity even when the peer named other certificate authorities. */
        Setup engineIgnoresIssuers() {
            this.engineIgnoresIssuers = true;
            return this;
        }

        Setup serverTrusts(X509Certificate root) {
            this.serverTrusts = root;
            return this;
        }

        Setup clientTrusts(X509Certificate root) {
            this.clientTrusts = root;
            return this;
        }

        Setup serverName(String name) {
            this.serverName = name;
            return this;
        }

        SslEngineDriver build() throws Exception {
            if (direction == Direction.OUR_CLIENT) {
                Credentials.Builder b = Credentials.client().trustAnchors(List.of(clientTrusts));
                if (clientIdentity != null) {
                    b.certificate(clientIdentity.chain(), clientIdentity.key());
                }
                SecurityContext client = SecurityContext.client(ours.apply(b).build(), serverName);
                SSLEngine server = server(serverTrusts == null ? context(serverIdentity, engineIgnoresIssuers)
                        : context(serverIdentity, engineIgnoresIssuers, serverTrusts));
                engine.accept(server);
                return new SslEngineDriver(client, server);
            }
            Credentials.Builder b = Credentials.server().certificate(serverIdentity.chain(), serverIdentity.key());
            if (serverTrusts != null) {
                b.trustAnchors(List.of(serverTrusts));
            }
            SecurityContext server = SecurityContext.server(ours.apply(b).build());
            SSLEngine client = client(context(clientIdentity, engineIgnoresIssuers, clientTrusts));
            engine.accept(client);
            return new SslEngineDriver(server, client);
        }
    }
}
