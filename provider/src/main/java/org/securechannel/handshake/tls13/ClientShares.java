package org.securechannel.handshake.tls13;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.KeyShare;

/**
 * The key shares a client offers in one ClientHello (RFC 8446 §4.2.8): one per group, completed with the one
 * group the server chose; the others are destroyed unused. The first ClientHello carries a share for our most
 * preferred group and, when that is a hybrid post-quantum group, one for our most preferred classical group
 * too (X25519MLKEM768 and x25519 by default, as browsers send them): a server without hybrids then needs no
 * HelloRetryRequest, and one with them gets post-quantum security in one round trip.
 */
final class ClientShares {
    private final List<KeyShare> shares;

    private ClientShares(List<KeyShare> shares) {
        this.shares = List.copyOf(shares);
    }

    /** Fresh shares for a first ClientHello, given our groups in preference order. */
    static ClientShares forFirstHello(CryptoBackend crypto, List<NamedGroup> preference) throws AlertException {
        List<NamedGroup> offered = new ArrayList<>(2);
        offered.add(preference.get(0));
        if (preference.get(0).isHybrid()) {
            for (NamedGroup g : preference) {
                if (!g.isHybrid()) {
                    offered.add(g);
                    break;
                }
            }
        }
        return generate(crypto, offered);
    }

    /** Fresh shares for {@code groups}, in that order. */
    static ClientShares generate(CryptoBackend crypto, List<NamedGroup> groups) throws AlertException {
        List<KeyShare> made = new ArrayList<>(groups.size());
        try {
            for (NamedGroup g : groups) {
                made.add(crypto.generateKeyShare(g));
            }
        } catch (AlertException | RuntimeException e) {
            made.forEach(KeyShare::destroy);
            throw e;
        }
        return new ClientShares(made);
    }

    List<KeyShareExtension.KeyShareEntry> entries() {
        List<KeyShareExtension.KeyShareEntry> entries = new ArrayList<>(shares.size());
        for (KeyShare s : shares) {
            entries.add(new KeyShareExtension.KeyShareEntry(s.group().code(), s.publicValue()));
        }
        return entries;
    }

    /** Our share for the group the server chose, or null when we offered none for it. */
    KeyShare forGroup(int code) {
        for (KeyShare s : shares) {
            if (s.group().code() == code) {
                return s;
            }
        }
        return null;
    }

    void destroyAll() {
        shares.forEach(KeyShare::destroy);
    }
}
