package org.securechannel.interop.matrix;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.securechannel.SecureChannelProvider;
import org.securechannel.codec.NamedGroup;
import org.securechannel.interop.GroupConstraints;
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
            p.setAlgorithmConstraints(new GroupConstraints(group));
        }
        e.setSSLParameters(p);
    }

}
