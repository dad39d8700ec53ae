package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.EmptyHandshakeMessage;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/**
 * Server that accepted 0-RTT: application_data records under the client's early traffic keys are early data (the
 * context hands them to {@link EarlyData}) until EndOfEarlyData (RFC 8446 §4.5), which joins the transcript and
 * switches reading to the client's handshake traffic keys; then the client's Finished.
 */
final class ServerExpectEndOfEarlyData implements State {
    private final ServerFinishing finishing;
    private final VerifiedPeer client;

    ServerExpectEndOfEarlyData(ServerFinishing finishing, VerifiedPeer client) {
        this.finishing = finishing;
        this.client = client;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_SERVER_EXPECT_END_OF_EARLY_DATA;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        EmptyHandshakeMessage.END_OF_EARLY_DATA.parse(message.body());
        hs.transcript.add(message.encoded());
        hs.early.endOfEarlyData();
        CipherSuite suite = finishing.negotiated().suite();
        hs.installReadKeys(suite, finishing.keys().clientHandshakeTrafficSecret());
        return new ServerExpectClientFinished(finishing, client);
    }

    @Override
    public void destroy() {
        finishing.destroy();
    }
}
