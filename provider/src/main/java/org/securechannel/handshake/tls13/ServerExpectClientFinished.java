package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.record.RawHandshake;

/** Server: our flight is out; the client's Finished completes the handshake. */
final class ServerExpectClientFinished implements State {
    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() != HandshakeType.FINISHED) {
            throw State.unexpected(message, "the client's Finished");
        }
        FinishedSupport.verify(hs, message, hs.keys.clientHandshakeTrafficSecret());
        hs.keys.deriveResumptionMasterSecret(hs.transcript.hash());
        hs.completeHandshake();
        return new Connected();
    }
}
