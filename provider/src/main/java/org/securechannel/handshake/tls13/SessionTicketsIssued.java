package org.securechannel.handshake.tls13;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.EarlyDataExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.SessionState;

/**
 * Server, right after the client's Finished: the NewSessionTickets of this connection (RFC 8446 §4.6.1), after a
 * resumed handshake too. Each ticket seals the session with its own PSK (HKDF-Expand-Label(resumption_master_secret,
 * "resumption", nonce)), so the server keeps nothing: any server holding the keyset can resume it. A session too
 * large for a ticket (a very long client chain) gets none.
 */
final class SessionTicketsIssued {
    private SessionTicketsIssued() {
    }

    static void send(Tls13Handshake hs, Established done) {
        TicketResumption resumption = hs.config.tickets();
        if (!resumption.issues()) {
            return;
        }
        Negotiated n = done.negotiated();
        List<byte[]> peerChain = SessionState.derOf(done.peerChain());
        // A ticket allows 0-RTT only when we accept it now; the limit is sealed in, and checked again on use.
        long maxEarlyData = resumption.policy().maxEarlyDataSize();
        List<Extension> extensions = maxEarlyData > 0 ? List.of(EarlyDataExtension.encodeMaxEarlyDataSize(maxEarlyData)) : List.of();
        for (int i = 0; i < resumption.ticketsPerHandshake(); i++) {
            byte[] nonce = ByteBuffer.allocate(4).putInt(i).array();
            byte[] psk = done.keys().resumptionPsk(nonce);
            long ageAdd = hs.config.random().nextInt() & 0xFFFFFFFFL;
            SessionState state = new SessionState(ProtocolVersion.TLS13, n.suite(), n.group(), done.serverScheme(),
                    done.clientScheme(), resumption.clock().getAsLong(), resumption.lifetimeSeconds(), ageAdd, maxEarlyData, psk,
                    n.serverName(), n.applicationProtocol(), peerChain);
            Arrays.fill(psk, (byte) 0);
            Optional<byte[]> ticket = resumption.tickets().issue(state);
            state.destroy();
            if (ticket.isEmpty()) {
                return;
            }
            NewSessionTicket message = new NewSessionTicket(resumption.lifetimeSeconds(), ageAdd, nonce, ticket.get(), extensions);
            hs.records.send(ContentType.HANDSHAKE, message.encode());
        }
    }
}
