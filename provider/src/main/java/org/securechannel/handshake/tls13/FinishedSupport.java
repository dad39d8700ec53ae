package org.securechannel.handshake.tls13;

import java.security.MessageDigest;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.Finished;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Producing and checking Finished (RFC 8446 §4.4.4). */
final class FinishedSupport {
    private FinishedSupport() {
    }

    /**
     * Checks the peer's Finished against the transcript so far, in constant time; decrypt_error if wrong.
     * {@code peerHandshakeSecret} is a copy, wiped here.
     */
    static void verify(Tls13Handshake hs, RawHandshake message, Tls13KeySchedule keys, byte[] peerHandshakeSecret)
            throws AlertException {
        Finished finished = Finished.parse(message.body(), keys.suite().hash().length());
        byte[] expected = keys.finishedVerifyData(peerHandshakeSecret, hs.transcript.hash());
        java.util.Arrays.fill(peerHandshakeSecret, (byte) 0);
        if (!MessageDigest.isEqual(expected, finished.verifyData())) {
            throw new AlertException(AlertDescription.DECRYPT_ERROR, "peer's Finished does not match the transcript");
        }
        hs.transcript.add(message.encoded());
    }

    /** Sends our Finished; {@code ownHandshakeSecret} is a copy, wiped here. */
    static void send(Tls13Handshake hs, Tls13KeySchedule keys, byte[] ownHandshakeSecret) {
        hs.send(new Finished(keys.finishedVerifyData(ownHandshakeSecret, hs.transcript.hash())));
        java.util.Arrays.fill(ownHandshakeSecret, (byte) 0);
    }
}
