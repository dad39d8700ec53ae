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
 * group the server chose; the others are destroyed unused. Today we offer one, for our most preferred group;
 * a hybrid post-quantum group will be offered beside a classical one (two shares), with no change here.
 */
final class ClientShares {
    private final List<KeyShare> shares;

    private ClientShares(List<KeyShare> shares) {
        this.shares = List.copyOf(shares);
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
