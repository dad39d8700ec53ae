package org.securechannel.cli;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/** What a context negotiated, as "name: value" lines (shared by demo, client and server --www). */
final class ConnectionReport {
    private ConnectionReport() {
    }

    static String describe(SecurityContext context) {
        StringBuilder b = new StringBuilder();
        try {
            ConnectionInfo info = context.connectionInfo();
            line(b, "Protocol", info.version() == null ? "?" : info.version().jsseName());
            line(b, "Cipher suite", info.cipherSuite() == null ? "?" : info.cipherSuite().jsseName());
            line(b, "Group", info.group() == null ? "(none)" : info.group().ianaName());
            line(b, "Server signature", info.signatureScheme() == null ? "(none)" : info.signatureScheme().ianaName());
            line(b, "Client signature",
                    info.clientSignatureScheme() == null ? "(none)" : info.clientSignatureScheme().ianaName());
            line(b, "HelloRetryRequest", info.helloRetryRequest() ? "yes" : "no");
            line(b, "Resumed", info.resumed() ? "yes" : "no");
            org.securechannel.session.EarlyDataStatus early = context.earlyDataStatus();
            if (early != org.securechannel.session.EarlyDataStatus.NOT_REQUESTED) {
                line(b, "Early data", early.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        } catch (SecurityContextException e) {
            line(b, "Connection", "not established (" + e.getMessage() + ")");
        }
        line(b, "ALPN", context.applicationProtocol().orElse("(none)"));
        List<X509Certificate> peer = context.peerCertificates();
        String who = context.isClient() ? "Server certificate" : "Client certificate";
        if (peer.isEmpty()) {
            line(b, who, "(none)");
        } else {
            line(b, who, peer.get(0).getSubjectX500Principal().getName());
            line(b, "  issued by", peer.get(0).getIssuerX500Principal().getName());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(name).append(": ").append(value).append('\n');
    }
}
