package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Server: our flight is out; the client's Finished completes the handshake. */
final class ServerExpectClientFinished implements State {
    private final ServerFinishing finishing;
    private final VerifiedPeer client;

    ServerExpectClientFinished(ServerFinishing finishing, VerifiedPeer client) {
        this.finishing = finishing;
        this.client = client;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_SERVER_EXPECT_CLIENT_FINISHED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        Tls13KeySchedule keys = finishing.keys();
        FinishedSupport.verify(hs, message, keys, keys.clientHandshakeTrafficSecret());
        keys.deriveResumptionMasterSecret(hs.transcript.hash());
        Established done = Established.ofServer(finishing.negotiated(), keys, finishing.ourScheme(), client);
        State connected = hs.complete(done, finishing.application());
        SessionTicketsIssued.send(hs, done);
        return connected;
    }

    @Override
    public void destroy() {
        finishing.destroy();
    }
}
