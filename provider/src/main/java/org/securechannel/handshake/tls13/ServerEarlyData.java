package org.securechannel.handshake.tls13;

import java.util.Objects;
import org.securechannel.codec.CipherSuite;
import org.securechannel.session.ServerTicketPolicy;
import org.securechannel.session.SessionState;

/**
 * Server: whether this handshake accepts the client's 0-RTT data (RFC 8446 §4.2.10, §8), the rule in one place.
 * Only when 0-RTT is configured, on the first identity offered (the one the binder of 0-RTT keys), with a ticket that
 * allowed early data, on the ticket's own suite and ALPN, not after a HelloRetryRequest, within the freshness window
 * (already required of every resumption, {@link ServerPsk}), and only once: the replay guard records the binder last,
 * so a ClientHello refused for another reason does not use up its record.
 */
final class ServerEarlyData {
    private ServerEarlyData() {
    }

    /** The most bytes of early data to accept, or 0 to reject it. */
    static long accept(Tls13Handshake hs, ClientOffer offer, CipherSuite suite, String protocol, ServerPsk.Choice resumed,
            boolean helloRetryRequest) {
        if (!offer.earlyData() || resumed == null || resumed.index() != 0 || helloRetryRequest) {
            return 0;
        }
        ServerTicketPolicy policy = hs.config.tickets().policy();
        SessionState session = resumed.session();
        long max = Math.min(policy.maxEarlyDataSize(), session.maxEarlyDataSize());
        if (max == 0 || session.suite() != suite || !Objects.equals(session.alpn(), protocol)) {
            return 0;
        }
        return policy.replayGuard().firstUse(offer.psks().binder(0), hs.config.tickets().clock().getAsLong()) ? max : 0;
    }

    /** How much rejected early data to skip by trial decryption before a record that does not open is an error. */
    static long skipBudget(Tls13Handshake hs) {
        return Math.max(EarlyData.MIN_SKIP, hs.config.tickets().policy().maxEarlyDataSize());
    }
}
