package org.securechannel.handshake;

import java.util.List;
import java.util.function.IntPredicate;
import org.securechannel.codec.NamedGroup;

/**
 * How a TLS 1.3 server picks the key-exchange group, hybrid post-quantum groups first: if the client supports any
 * hybrid we enable, we take one, the first in our order that it sent a share for, or else the first it supports,
 * through a HelloRetryRequest; only a client without any of our hybrids gets a classical group, by the same rule.
 * A round trip is worth post-quantum security (OpenSSL 3.5's default server groups put the hybrid in a tier of
 * its own for the same reason); clients that share X25519MLKEM768, as browsers and we do, never pay it, while a
 * client that lists X25519MLKEM768 but shares only x25519 (BCJSSE) is asked for the hybrid.
 */
public final class ServerGroupPreference {
    private ServerGroupPreference() {
    }

    /** The group chosen, and whether the client must first be asked for its share (HelloRetryRequest). */
    public record Choice(NamedGroup group, boolean retry) {
    }

    /**
     * @param configured our groups, most preferred first
     * @param supported  the client's supported_groups
     * @param shared     whether the client sent a key share for a group code
     * @return the choice, or null when no group is in common
     */
    public static Choice choose(List<NamedGroup> configured, List<Integer> supported, IntPredicate shared) {
        Choice hybrid = firstOfKind(configured, true, supported, shared);
        return hybrid != null ? hybrid : firstOfKind(configured, false, supported, shared);
    }

    private static Choice firstOfKind(List<NamedGroup> configured, boolean hybrid, List<Integer> supported,
            IntPredicate shared) {
        NamedGroup retry = null;
        for (NamedGroup g : configured) {
            if (g.isHybrid() != hybrid) {
                continue;
            }
            if (shared.test(g.code())) {
                return new Choice(g, false);
            }
            if (retry == null && supported.contains(g.code())) {
                retry = g;
            }
        }
        return retry == null ? null : new Choice(retry, true);
    }
}
