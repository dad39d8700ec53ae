package org.securechannel.handshake.tls12;

import java.security.MessageDigest;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.Finished;
import org.securechannel.handshake.Tls12KeySchedule;
import org.securechannel.record.RawHandshake;

/**
 * Either role: the peer's Finished under its new keys (RFC 5246 §7.4.9), compared in constant time. Whoever
 * did not send first then answers with its change_cipher_spec and Finished: the server in a full handshake,
 * the client in an abbreviated one (§7.3, Figure 2); a server that promised a ticket sends it first (RFC 5077 §3.3).
 */
final class ExpectFinished implements State {
    private final Finishing f;

    ExpectFinished(Finishing f) {
        this.f = f;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_EXPECT_FINISHED;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        Finished finished = Finished.parse(message.body(), Tls12KeySchedule.VERIFY_DATA_LENGTH);
        boolean client = f.client();
        PendingKeys keys = f.keys();
        byte[] expected = keys.schedule().verifyData(!client, hs.transcript.hash());
        if (!MessageDigest.isEqual(expected, finished.verifyData())) {
            throw new AlertException(AlertDescription.DECRYPT_ERROR, (client ? "server" : "client") + " Finished does not verify");
        }
        hs.transcript.add(message.encoded());
        Established done = new Established(f.negotiated(), keys.schedule(), f.peerChain(), f.clientScheme());
        if (f.answer()) {
            if (!client && f.negotiated().ticket()) {
                hs.send(Tickets.issueAfterFullHandshake(hs.config, done));
            }
            hs.changeWriteKeys(keys.writeProtection(client));
            hs.send(new Finished(keys.schedule().verifyData(client, hs.transcript.hash())));
        }
        if (client && f.ticket() != null) {
            Tickets.keep(hs, done, f.ticket());
        }
        hs.complete(done);
        return Connected.OPEN;
    }

    @Override
    public void destroy() {
        // The read protection is the record layer's now; the write one is ours until a server sends Finished.
        f.keys().schedule().destroy();
        f.keys().writeProtection(f.client()).destroy();
    }
}
