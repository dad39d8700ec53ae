package org.securechannel.interop.matrix;

import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.jsse.SecureChannelSession;

/**
 * What one side's engine says about an established connection. {@link #info} is non-null only for our
 * engine: the session is a {@link SecureChannelSession}, which is also the proof the connection was ours.
 */
record Observed(String protocol, String suite, String alpn, List<String> serverNames, boolean peerCertificate,
        String sessionClass, ConnectionInfo info) {

    static Observed of(SSLEngine engine) {
        SSLSession s = engine.getSession();
        List<String> names = List.of();
        try {
            if (s instanceof ExtendedSSLSession) {
                names = ((ExtendedSSLSession) s).getRequestedServerNames().stream()
                        .map(n -> n instanceof SNIHostName ? ((SNIHostName) n).getAsciiName() : n.toString()).toList();
            }
        } catch (UnsupportedOperationException clientSide) {
            // BCJSSE keeps the requested names on the server side only
        }
        boolean peerCert;
        try {
            peerCert = s.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            peerCert = false;
        }
        ConnectionInfo info = null;
        if (s instanceof SecureChannelSession) {
            try {
                info = ((SecureChannelSession) s).securityContext().connectionInfo();
            } catch (org.securechannel.context.SecurityContextException e) {
                throw new IllegalStateException("an established session without connection info", e);
            }
        }
        return new Observed(s.getProtocol(), s.getCipherSuite(), engine.getApplicationProtocol(), names, peerCert,
                s.getClass().getName(), info);
    }
}
