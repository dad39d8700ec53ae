package org.securechannel.context;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What every SecureChannel JFR event says about its connection: the peer as the caller named it (the JSSE adapters
 * pass the socket's or engine's host and port; -1 for no port) and which side this process played. Every event is
 * disabled unless a recording enables it, and none records a stack trace.
 */
@Category({"Java Application", "SecureChannel"})
@Enabled(false)
@StackTrace(false)
abstract class ConnectionEvent extends jdk.jfr.Event {
    @Label("Peer Host")
    String peerHost;
    @Label("Peer Port")
    int peerPort;
    @Label("Role")
    @Description("client or server: which side this process played")
    String role;

    /** Sets the connection fields; returns this event. */
    ConnectionEvent connection(String host, int port, boolean client) {
        peerHost = host;
        peerPort = port;
        role = client ? "client" : "server";
        return this;
    }
}
