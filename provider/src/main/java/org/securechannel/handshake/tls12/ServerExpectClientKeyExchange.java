package org.securechannel.handshake.tls12;

import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientKeyExchange;
import org.securechannel.codec.HandshakeType;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.Tls12KeySchedule;
import org.securechannel.record.RawHandshake;

/**
 * Server: the client's ECDHE public value. The shared secret is the pre-master secret; with the session
 * hash through this message it makes the extended master secret (RFC 7627 §4) and the key block.
 */
final class ServerExpectClientKeyExchange implements State {
    private final Negotiated negotiated;
    private final KeyShare share;

    ServerExpectClientKeyExchange(Negotiated negotiated, KeyShare share) {
        this.negotiated = negotiated;
        this.share = share;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() != HandshakeType.CLIENT_KEY_EXCHANGE) {
            throw State.unexpected(message, "ClientKeyExchange");
        }
        byte[] preMaster;
        try {
            preMaster = share.sharedSecret(ClientKeyExchange.parse(message.body()).publicValue());
        } finally {
            share.destroy();
        }
        hs.transcript.add(message.encoded());
        Tls12KeySchedule schedule = Tls12KeySchedule.fromPreMasterSecret(hs.crypto, negotiated.suite().hash(), preMaster,
                hs.transcript.hash(), negotiated.clientRandom(), negotiated.serverRandom());
        return new ExpectChangeCipherSpec(false, negotiated, PendingKeys.derive(hs.crypto, negotiated.suite(), schedule), List.of(), null);
    }

    @Override
    public void destroy() {
        share.destroy();
    }
}
