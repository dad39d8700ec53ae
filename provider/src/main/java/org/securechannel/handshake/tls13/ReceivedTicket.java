package org.securechannel.handshake.tls13;

import java.util.Arrays;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.EarlyDataExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.ClientSession;
import org.securechannel.session.SessionState;

/**
 * Client: a NewSessionTicket after the handshake (RFC 8446 §4.6.1) becomes a session in the store, under this
 * server's host, port and SNI name, with the PSK its nonce gives. A ticket with lifetime zero is discarded, as the
 * RFC says; so is every ticket when the client keeps none.
 */
final class ReceivedTicket {
    private ReceivedTicket() {
    }

    static void keep(Tls13Handshake hs, Established done, NewSessionTicket ticket) throws AlertException {
        TicketResumption resumption = hs.config.tickets();
        if (!resumption.keeps() || ticket.lifetime() == 0) {
            return;
        }
        Extension early = ticket.extension(ExtensionType.EARLY_DATA);
        long maxEarlyData = early == null ? 0 : EarlyDataExtension.parseMaxEarlyDataSize(early.data());
        Negotiated n = done.negotiated();
        byte[] psk = done.keys().resumptionPsk(ticket.nonce());
        try {
            SessionState state = new SessionState(ProtocolVersion.TLS13, n.suite(), n.group(), done.serverScheme(),
                    done.clientScheme(), resumption.clock().getAsLong(), ticket.lifetime(), ticket.ageAdd(), maxEarlyData,
                    psk, n.serverName(), n.applicationProtocol(), SessionState.derOf(done.peerChain()));
            resumption.store().put(resumption.peer(), new ClientSession(ticket.ticket(), state));
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }
}
