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
 * resumed, as {@code openssl s_client -reconnect} prints "New" or "Reused": TLS 1.2 session IDs and tickets, and
 * TLS 1.3 tickets (kept in a session store of this run unless the credentials have one). Each connection reads
 * until the server's close_notify, so that the tickets a TLS 1.3 server sends after the handshake are kept.
 */
final class Reconnects {
    private Reconnects() {
    }

    static int run(HostPort target, String serverName, Credentials credentials, int reconnects, int timeoutMillis,
            boolean showCerts, PrintStream out, PrintStream err) throws Exception {
        Credentials withStore = credentials.clientSessionStore() != null ? credentials : credentials.toBuilder()
                .clientSessionStore(new org.securechannel.session.BoundedClientSessionStore(16, java.time.Duration.ofHours(1)))
                .build();
        int resumed = 0;
        for (int i = 0; i <= reconnects; i++) {
            ConnectionInfo info;
            try {
                info = handshake(target, serverName, withStore, timeoutMillis, showCerts && i == 0, out);
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
            try (ContextStream stream = new ContextStream(SecurityContext.client(credentials, serverName, target.port(), null),
                    socket, credentials, null)) {
                stream.handshake();
                ConnectionInfo info = stream.context().connectionInfo();
                if (showCerts) {
                    out.print(CertificatePem.chain(stream.context().peerCertificates()));
                    out.flush();
                }
                stream.closeOutbound();
                try {
                    while (stream.read() != null) {
                        // tickets (handled inside) and whatever the server still sends, until its close_notify
                    }
                } catch (IOException e) {
                    // a server that just closes: the handshake's verdict stands
                }
                return info;
            }
        }
    }
}
