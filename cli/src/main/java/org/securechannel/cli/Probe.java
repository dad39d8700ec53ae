package org.securechannel.cli;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * One handshake with a server, bounded by a timeout, closed right after: what a scan learns from one offer. The
 * server either completes the handshake, refuses the offer with an alert, or gives no answer (drops the connection,
 * says nothing, or cannot be reached); any other failure is ours to report as an error.
 */
final class Probe {
    enum Kind { CONNECTED, REFUSED, NO_ANSWER, ERROR }

    /**
     * @param info   what was negotiated (CONNECTED only)
     * @param chain  the server's certificates (CONNECTED only)
     * @param alpn   the negotiated ALPN protocol or null
     * @param detail the alert or the error, for REFUSED, NO_ANSWER and ERROR
     */
    record Result(Kind kind, ConnectionInfo info, List<X509Certificate> chain, String alpn, String detail) {
        boolean connected() {
            return kind == Kind.CONNECTED;
        }
    }

    private final HostPort target;
    private final String serverName;
    private final int timeoutMillis;

    Probe(HostPort target, String serverName, int timeoutMillis) {
        this.target = target;
        this.serverName = serverName;
        this.timeoutMillis = timeoutMillis;
    }

    private static void readUntilClosed(ContextStream stream) {
        try {
            stream.closeOutbound();
            while (stream.read() != null) {
                // post-handshake messages are handled inside; data is not ours to keep
            }
        } catch (IOException e) {
            // a server that just closes: the handshake's verdict stands
        }
    }

    Result run(Credentials credentials) {
        return run(credentials, false);
    }

    /**
     * As {@link #run(Credentials)}; with {@code untilClosed}, after the handshake our close_notify goes out and the
     * connection is read until the server's, so that tickets it sends after the handshake are kept.
     */
    Result run(Credentials credentials, boolean untilClosed) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
            } catch (IOException e) {
                return new Result(Kind.NO_ANSWER, null, List.of(), null, "cannot connect: " + PemFiles.oneLine(e));
            }
            try (ContextStream stream = new ContextStream(SecurityContext.client(credentials, serverName, target.port(),
                    null), socket, credentials, null)) {
                stream.handshake();
                SecurityContext c = stream.context();
                ConnectionInfo info = c.connectionInfo();
                if (untilClosed) {
                    readUntilClosed(stream);
                }
                return new Result(Kind.CONNECTED, info, c.peerCertificates(), c.applicationProtocol().orElse(null), null);
            }
        } catch (TlsFailureException e) {
            AlertDescription alert = e.contextException().peerAlert();
            return alert != null ? new Result(Kind.REFUSED, null, List.of(), null, alert.rfcName())
                    : new Result(Kind.ERROR, null, List.of(), null, PemFiles.oneLine(e));
        } catch (SocketTimeoutException e) {
            return new Result(Kind.NO_ANSWER, null, List.of(), null, "no answer within " + timeoutMillis + " ms");
        } catch (EOFException | java.net.SocketException e) {
            return new Result(Kind.NO_ANSWER, null, List.of(), null, "connection closed: " + PemFiles.oneLine(e));
        } catch (IOException | SecurityContextException | RuntimeException e) {
            return new Result(Kind.ERROR, null, List.of(), null, PemFiles.oneLine(e));
        }
    }
}
