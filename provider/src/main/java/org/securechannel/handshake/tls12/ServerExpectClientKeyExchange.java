package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientKeyExchange;
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
    /** The client's verified chain; empty when none was asked for or it sent none. */
    private final List<X509Certificate> clientChain;

    ServerExpectClientKeyExchange(Negotiated negotiated, KeyShare share, List<X509Certificate> clientChain) {
        this.negotiated = negotiated;
        this.share = share;
        this.clientChain = clientChain;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_SERVER_EXPECT_CLIENT_KEY_EXCHANGE;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        byte[] preMaster;
        try {
            preMaster = share.sharedSecret(ClientKeyExchange.parse(message.body()).publicValue());
        } finally {
            share.destroy();
        }
        hs.transcript.add(message.encoded());
        Tls12KeySchedule schedule = Tls12KeySchedule.fromPreMasterSecret(hs.crypto, negotiated.suite().hash(), preMaster,
                hs.transcript.hash(), negotiated.clientRandom(), negotiated.serverRandom()).observedBy(hs.config.observer());
        PendingKeys keys = PendingKeys.derive(hs.crypto, negotiated.suite(), schedule);
        if (!clientChain.isEmpty()) {
            return new ServerExpectCertificateVerify(negotiated, keys, clientChain);
        }
        hs.transcript.keepMessages(false);
        return new ExpectChangeCipherSpec(new Finishing(false, negotiated, keys, List.of(), null, true));
    }

    @Override
    public void destroy() {
        share.destroy();
    }
}
