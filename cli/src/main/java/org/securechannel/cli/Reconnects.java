package org.securechannel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * {@code client --reconnect N}: one full handshake, then N more connections with the same credentials (and so the
 * same session cache), each closed with close_notify right after its handshake; for each, whether the session was
 * resumed, as {@code openssl s_client -reconnect} prints "New" or "Reused". Resumption is what the provider
 * implements: TLS 1.2 session IDs today.
 */
final class Reconnects {
    private Reconnects() {
    }

    static int run(HostPort target, String serverName, Credentials credentials, int reconnects, int timeoutMillis,
            boolean showCerts, PrintStream out, PrintStream err) throws Exception {
        int resumed = 0;
        for (int i = 0; i <= reconnects; i++) {
            ConnectionInfo info;
            try {
                info = handshake(target, serverName, credentials, timeoutMillis, showCerts && i == 0, out);
            } catch (IOException e) {
                err.println("connection " + i + " failed: " + PemFiles.oneLine(e));
                return 1;
            }
            if (i > 0 && info.resumed()) {
                resumed++;
            }
            err.println("connection " + i + ": " + (info.resumed() ? "Reused" : "New") + ", "
                    + info.version().jsseName() + ", " + info.cipherSuite().jsseName());
        }
        err.println("Resumed: " + resumed + " of " + reconnects + " reconnections");
        return 0;
    }

    private static ConnectionInfo handshake(HostPort target, String serverName, Credentials credentials, int timeoutMillis,
            boolean showCerts, PrintStream out) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try (ContextStream stream = new ContextStream(SecurityContext.client(credentials, serverName), socket,
                    credentials, null)) {
                stream.handshake();
                ConnectionInfo info = stream.context().connectionInfo();
                if (showCerts) {
                    out.print(CertificatePem.chain(stream.context().peerCertificates()));
                    out.flush();
                }
                stream.closeOutbound();
                return info;
            }
        }
    }
}
