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

    /** Our server's context: the engines of a resumption cell's two connections share it (and its sessions). */
    static SSLContext serverContext(Scenario s, MatrixPki pki) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", PROVIDER);
        withTickets("jdk.tls.server.enableSessionTicketExtension", s.resumption() != Scenario.Resumption.TLS12_SESSION_ID,
                () -> ctx.init(MatrixPki.keyManagers(pki.server(s.serverKey())), MatrixPki.trustManagers(pki.client.root()), null));
        if (s.resumption() == Scenario.Resumption.TLS12_TICKET) {
            // The session ID cache forgets a session after a second (Echo.betweenConnections waits longer), the
            // ticket's lifetime is its own: a resumption can then only be the ticket's.
            ctx.getServerSessionContext().setSessionTimeout(1);
        }
        return ctx;
    }

    static SSLEngine server(SSLContext ctx, Scenario s) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        configure(e, s.version(), s.suite(), s.group(), s.serverAlpn());
        if (s.clientAuth() != ClientAuth.NONE) {
            e.setNeedClientAuth(true);
        }
        return e;
    }

    /** Our client's context; in a session-ID cell it offers no ticket, so that a resumption can only be the ID's. */
    static SSLContext clientContext(Scenario s, MatrixPki pki) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", PROVIDER);
        withTickets("jdk.tls.client.enableSessionTicketExtension", s.resumption() != Scenario.Resumption.TLS12_SESSION_ID,
                () -> ctx.init(MatrixPki.keyManagers(s.clientAuth() == ClientAuth.REQUIRED ? pki.client : null),
                        MatrixPki.trustManagers(pki.server(s.serverKey()).root()), null));
        return ctx;
    }

    static SSLEngine client(SSLContext ctx, Scenario s) {
        SSLEngine e = ctx.createSSLEngine(MatrixPki.HOST, 443);
        e.setUseClientMode(true);
        configure(e, s.version(), s.suite(), s.group(), s.clientAlpn());
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private interface Init {
        void run() throws Exception;
    }

    /**
     * Runs {@code init} with the JDK's ticket property {@code name} set to {@code enabled} when it is false (our
     * SSLContext reads it in init, as SunJSSE's documentation describes it). Cells run one at a time.
     */
    private static synchronized void withTickets(String name, boolean enabled, Init init) throws Exception {
        if (enabled) {
            init.run();
            return;
        }
        String before = System.getProperty(name);
        System.setProperty(name, "false");
        try {
            init.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
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
