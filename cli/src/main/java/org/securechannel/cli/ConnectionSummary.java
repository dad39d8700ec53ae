package org.securechannel.cli;

import java.time.Duration;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * The server's one line per connection, printed when it ends: peer, version, suite, group, whether it resumed,
 * how long it lasted and the application bytes each way, or why it failed. Touched by the connection's thread only.
 */
final class ConnectionSummary {
    private final String peer;
    private String negotiated = "no handshake";
    private String failure;
    private long received;
    private long sent;

    ConnectionSummary(String peer) {
        this.peer = peer;
    }

    void established(SecurityContext context) {
        try {
            ConnectionInfo i = context.connectionInfo();
            negotiated = i.version().jsseName() + " " + i.cipherSuite().jsseName() + " "
                    + (i.group() == null ? "-" : i.group().ianaName()) + " resumed=" + (i.resumed() ? "yes" : "no");
        } catch (SecurityContextException e) {
            negotiated = "handshake state unknown (" + e.getMessage() + ")";
        }
    }

    void failed(String why) {
        failure = why;
    }

    void received(int n) {
        received += n;
    }

    void sent(int n) {
        sent += n;
    }

    String line(Duration duration) {
        return "closed " + peer + ": " + negotiated + " duration=" + duration.toMillis() + "ms bytes_in=" + received
                + " bytes_out=" + sent + (failure == null ? "" : " failed: " + failure);
    }
}
