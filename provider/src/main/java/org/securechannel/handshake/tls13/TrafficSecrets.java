package org.securechannel.handshake.tls13;

import java.util.Arrays;
import org.securechannel.handshake.Tls13KeySchedule;

/**
 * The application traffic secrets in use, one per direction (RFC 8446 §7.1). A KeyUpdate (§4.6.3) makes the
 * next generation for one direction: a new value, and the retired secret is wiped. The arrays are never
 * handed out; record keys are made from copies.
 */
final class TrafficSecrets {
    private final byte[] client;
    private final byte[] server;

    /** Takes ownership of both arrays. */
    TrafficSecrets(byte[] client, byte[] server) {
        this.client = client;
        this.server = server;
    }

    /** A copy of the secret {@code client} (or the server) writes with. */
    byte[] writer(boolean client) {
        return (client ? this.client : server).clone();
    }

    /** The next generation for the direction {@code client} (or the server) writes; this value's secret is wiped. */
    TrafficSecrets updated(boolean client, Tls13KeySchedule keys) {
        byte[] current = client ? this.client : server;
        byte[] following = keys.nextApplicationTrafficSecret(current);
        Arrays.fill(current, (byte) 0);
        return client ? new TrafficSecrets(following, server) : new TrafficSecrets(this.client, following);
    }

    void destroy() {
        Arrays.fill(client, (byte) 0);
        Arrays.fill(server, (byte) 0);
    }
}
