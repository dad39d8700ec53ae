package org.securechannel.interop.matrix;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.conscrypt.Conscrypt;
import org.securechannel.testing.TestPki;

/** The rows of the matrix that live in this JVM: each a JSSE provider, or BoringSSL through Netty's engine. */
final class InJvmPeers {
    private InJvmPeers() {
    }

    static Peer sunJsse(BiFunction<Cell, Boolean, String> cannot) {
        return provider("SunJSSE", "JDK " + Runtime.version(), java.security.Security.getProvider("SunJSSE"), cannot);
    }

    static Peer bcJsse(BiFunction<Cell, Boolean, String> cannot) {
        // Its crypto from Bouncy Castle's own provider: JCA's DEFAULT SecureRandom is SunJSSE-side only.
        BouncyCastleJsseProvider bc = new BouncyCastleJsseProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        return provider("BCJSSE", bc.getInfo(), bc, cannot);
    }

    static Peer conscrypt(BiFunction<Cell, Boolean, String> cannot) {
        Conscrypt.Version v = Conscrypt.version();
        return provider("Conscrypt", "conscrypt-openjdk-uber " + v.major() + "." + v.minor() + "." + v.patch(),
                Conscrypt.newProvider(), cannot);
    }

    /** An SSLContext of {@code provider} with the scenario's identity and trust, and its settings on each engine. */
    private static Peer provider(String name, String version, Provider provider, BiFunction<Cell, Boolean, String> cannot) {
        return new JssePeer(name, version, (s, pki, server) -> {
            SSLContext ctx = SSLContext.getInstance("TLS", provider);
            // The peer's own key and trust manager factories where it has them: each stack asks them its own way.
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX",
                    provider.getService("TrustManagerFactory", "PKIX") != null ? provider : java.security.Security.getProvider("SunJSSE"));
            boolean ownKeyManagers = provider.getService("KeyManagerFactory", "PKIX") != null;
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX",
                    ownKeyManagers ? provider : java.security.Security.getProvider("SunJSSE"));
            TestPki.Issued id = server ? pki.server(s.serverKey())
                    : s.clientAuth() == Scenario.ClientAuth.REQUIRED ? pki.client : null;
            javax.net.ssl.KeyManager[] kms = ownKeyManagers || id == null ? MatrixPki.keyManagers(id, kmf)
                    : new javax.net.ssl.KeyManager[] {new OneIdentityKeyManager(id)};
            ctx.init(kms, MatrixPki.trustManagers(server ? pki.client.root() : pki.server(s.serverKey()).root(), tmf), null);
            return () -> {
                SSLEngine e = server ? ctx.createSSLEngine() : ctx.createSSLEngine(MatrixPki.HOST, 443);
                e.setUseClientMode(!server);
                settle(e, s, server);
                return e;
            };
        }, cannot);
    }

    /** BoringSSL, statically linked into netty-tcnative, through Netty's OpenSslEngine. */
    static Peer boringSsl(BiFunction<Cell, Boolean, String> cannot) {
        String version = OpenSsl.isAvailable() ? "netty-tcnative-boringssl-static 2.0.84 (" + OpenSsl.versionString() + ")"
                : "unavailable: " + OpenSsl.unavailabilityCause();
        return new JssePeer("BoringSSL", version, (s, pki, server) -> {
            OpenSsl.ensureAvailability();
            TestPki.Issued id = server ? pki.server(s.serverKey())
                    : s.clientAuth() == Scenario.ClientAuth.REQUIRED ? pki.client : null;
            SslContextBuilder b = server ? SslContextBuilder.forServer(id.key(), id.chain().toArray(new X509Certificate[0]))
                    : SslContextBuilder.forClient();
            if (!server && id != null) {
                b.keyManager(id.key(), id.chain().toArray(new X509Certificate[0]));
            }
            b.trustManager(server ? pki.client.root() : pki.server(s.serverKey()).root())
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(s.version());
            if (s.suite() != null) {
                // Netty's default list leaves out ChaCha20; the cell's suite is what must be on offer.
                b.ciphers(java.util.List.of(s.suite()));
            }
            if (server && s.clientAuth() != Scenario.ClientAuth.NONE) {
                b.clientAuth(ClientAuth.REQUIRE);
            }
            java.util.List<String> alpn = server ? s.serverAlpn() : s.clientAlpn();
            if (!alpn.isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            if (s.peerGroup() != null) {
                b.option(OpenSslContextOption.GROUPS, new String[] {openSslGroupName(s.peerGroup())});
            }
            io.netty.handler.ssl.SslContext ctx = b.build();
            if (!server && s.resumption() == Scenario.Resumption.TLS12_TICKET) {
                // Netty turns RFC 5077 tickets off in every context (SSL_OP_NO_TICKET); setting the ticket keys turns
                // them back on, which a client needs to offer one.
                ((io.netty.handler.ssl.OpenSslSessionContext) ctx.sessionContext()).setTicketKeys();
            }
            return () -> {
                SSLEngine e = server ? ctx.newEngine(ByteBufAllocator.DEFAULT)
                        : ctx.newEngine(ByteBufAllocator.DEFAULT, MatrixPki.HOST, 443);
                if (!server) {
                    SSLParameters p = e.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    e.setSSLParameters(p);
                }
                return e;
            };
        }, cannot);
    }

    /** OpenSSL's and BoringSSL's names for groups: P-256 and P-384 rather than the IANA names. */
    static String openSslGroupName(org.securechannel.codec.NamedGroup g) {
        switch (g) {
            case SECP256R1:
                return "P-256";
            case SECP384R1:
                return "P-384";
            case X25519:
                return "X25519";
            default:
                return g.ianaName();
        }
    }

    private static void settle(SSLEngine e, Scenario s, boolean server) {
        if (Conscrypt.isConscrypt(e) && s.resumption() != Scenario.Resumption.NONE) {
            Conscrypt.setUseSessionTickets(e, true); // off by default in Conscrypt, for both versions
        }
        OurSide.configure(e, s.version(), null, s.peerGroup(), server ? s.serverAlpn() : s.clientAlpn());
        if (server && s.clientAuth() != Scenario.ClientAuth.NONE) {
            e.setNeedClientAuth(true);
        }
        if (!server) {
            SSLParameters p = e.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            e.setSSLParameters(p);
        }
    }
}
