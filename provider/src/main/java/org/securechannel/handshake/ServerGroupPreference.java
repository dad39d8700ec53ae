package org.securechannel.handshake;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.NamedGroup;

/**
 * The order in which a TLS 1.3 server picks a key-exchange group: hybrid post-quantum groups before classical
 * ones, each kind in the configured order. The server takes the first group in this order that the client sent a
 * share for, and only when it sent none that we take, asks for the first one it supports (HelloRetryRequest). So
 * a client offering X25519MLKEM768 and x25519 shares gets the hybrid, even from a server configured with x25519
 * listed first; a client that shares only x25519 gets x25519 at once rather than a round trip for a hybrid.
 */
public final class ServerGroupPreference {
    private ServerGroupPreference() {
    }

    public static List<NamedGroup> order(List<NamedGroup> configured) {
        List<NamedGroup> ordered = new ArrayList<>(configured.size());
        for (NamedGroup g : configured) {
            if (g.isHybrid()) {
                ordered.add(g);
            }
        }
        for (NamedGroup g : configured) {
            if (!g.isHybrid()) {
                ordered.add(g);
            }
        }
        return ordered;
    }
}
