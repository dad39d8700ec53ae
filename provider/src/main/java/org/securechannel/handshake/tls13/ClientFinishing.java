package org.securechannel.handshake.tls13;

import org.securechannel.handshake.Tls13KeySchedule;

/**
 * Client, from the server's Finished until ours is sent: the server is verified and the application secrets
 * exist; what is left is our own flight (with a certificate if one was asked for).
 */
record ClientFinishing(Negotiated negotiated, Tls13KeySchedule keys, VerifiedPeer server, TrafficSecrets application) {
    void destroy() {
        keys.destroy();
        application.destroy();
    }
}
