package org.securechannel.interop.matrix;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.securechannel.SecureChannelProvider;
import org.securechannel.codec.NamedGroup;
import org.securechannel.interop.matrix.Scenario.ClientAuth;

/** Our engines for a scenario, configured only through the JSSE API, as an application would. */
final class OurSide {
    private static final SecureChannelProvider PROVIDER = new SecureChannelProvider();

    private OurSide() {
    }

    static SSLEngine server(Scenario s, MatrixPki pki) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", PROVIDER);
        ctx.init(MatrixPki.keyManagers(pki.server(s.serverKey())), MatrixPki.trustManagers(pki.client.root()), null);
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        configure(e, s.version(), s.suite(), s.group(), s.serverAlpn());
        if (s.clientAuth() != ClientAuth.NONE) {
            e.setNeedClientAuth(true);
        }
        return e;
    }

    static SSLEngine client(Scenario s, MatrixPki pki) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", PROVIDER);
        ctx.init(MatrixPki.keyManagers(s.clientAuth() == ClientAuth.REQUIRED ? pki.client : null),
                MatrixPki.trustManagers(pki.server(s.serverKey()).root()), null);
        SSLEngine e = ctx.createSSLEngine(MatrixPki.HOST, 443);
        e.setUseClientMode(true);
        configure(e, s.version(), s.suite(), s.group(), s.clientAlpn());
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    /** The JSSE settings a scenario makes, for our engines and for in-JVM peers' alike; null leaves a default. */
    static void configure(SSLEngine e, String version, String suite, NamedGroup group, java.util.List<String> alpn) {
        e.setEnabledProtocols(new String[] {version});
        if (suite != null) {
            e.setEnabledCipherSuites(new String[] {suite});
        }
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(alpn.toArray(new String[0]));
        if (group != null) {
            p.setAlgorithmConstraints(new OnlyGroup(group));
        }
        e.setSSLParameters(p);
    }

    /**
     * Refuses every named group but one and permits everything else: the JSSE way (JDK 17 has no
     * SSLParameters.setNamedGroups) that both our engine and SunJSSE's honour.
     */
    static final class OnlyGroup implements AlgorithmConstraints {
        private static final Set<String> GROUPS = Set.of("x25519", "x448", "secp256r1", "secp384r1", "secp521r1",
                "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192", "x25519mlkem768",
                "secp256r1mlkem768", "secp384r1mlkem1024");
        private final String allowed;

        OnlyGroup(NamedGroup group) {
            this.allowed = group.ianaName().toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            String name = algorithm.toLowerCase(Locale.ROOT);
            return !GROUPS.contains(name) || allowed.equals(name);
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return permits(primitives, algorithm, parameters);
        }
    }
}
