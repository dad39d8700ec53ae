package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.record.RawHandshake;

/** Server: our flight is out; the client's Finished completes the handshake. */
final class ServerExpectClientFinished implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_SERVER_EXPECT_CLIENT_FINISHED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        FinishedSupport.verify(hs, message, hs.keys.clientHandshakeTrafficSecret());
        hs.keys.deriveResumptionMasterSecret(hs.transcript.hash());
        hs.completeHandshake();
        return new Connected();
    }
}
