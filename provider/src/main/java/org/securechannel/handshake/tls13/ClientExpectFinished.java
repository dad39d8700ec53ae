package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.EmptyHandshakeMessage;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Client: the server is authenticated; its Finished must come. Then our flight goes out. */
final class ClientExpectFinished implements State {
    private final Negotiated negotiated;
    private final Tls13KeySchedule keys;
    private final VerifiedPeer server;
    private final ClientCertificateRequest request;
    /** The server accepted our 0-RTT data: EndOfEarlyData, under the early keys, comes before our Finished. */
    private final boolean endOfEarlyDataOwed;

    ClientExpectFinished(Negotiated negotiated, Tls13KeySchedule keys, VerifiedPeer server, ClientCertificateRequest request) {
        this(negotiated, keys, server, request, false);
    }

    ClientExpectFinished(Negotiated negotiated, Tls13KeySchedule keys, VerifiedPeer server, ClientCertificateRequest request,
            boolean endOfEarlyDataOwed) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.server = server;
        this.request = request;
        this.endOfEarlyDataOwed = endOfEarlyDataOwed;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_EXPECT_FINISHED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        FinishedSupport.verify(hs, message, keys, keys.serverHandshakeTrafficSecret());
        keys.deriveApplicationSecrets(hs.transcript.hash());
        ClientFinishing finishing = new ClientFinishing(negotiated, keys, server,
                new TrafficSecrets(keys.clientApplicationTrafficSecret(), keys.serverApplicationTrafficSecret()));
        if (endOfEarlyDataOwed) {
            // RFC 8446 §4.5: the last message under the early keys; then ours switch to the handshake keys.
            hs.send(EmptyHandshakeMessage.END_OF_EARLY_DATA);
            hs.installWriteKeys(negotiated.suite(), keys.clientHandshakeTrafficSecret());
        }
        if (request == null) {
            return sendFlight(hs, finishing, null, null);
        }
        SelectedCertificate mine = hs.config.certificates().select(request.schemes(), request.issuers(), null);
        if (mine == null) {
            // Schannel's SEC_I_INCOMPLETE_CREDENTIALS: let the caller supply a certificate, or go on without.
            return new ClientAwaitCredentials(finishing, request);
        }
        return sendFlight(hs, finishing, request, mine);
    }

    @Override
    public void destroy() {
        keys.destroy();
    }

    /** Certificate and CertificateVerify (when asked for), then Finished; the handshake is complete. */
    static State sendFlight(Tls13Handshake hs, ClientFinishing finishing, ClientCertificateRequest request,
            SelectedCertificate mine) throws AlertException {
        Tls13KeySchedule keys = finishing.keys();
        hs.sendChangeCipherSpecOnce();
        SignatureScheme ourScheme = null;
        if (request != null) {
            hs.sendEncoded(OwnCertificateMessages.encoded(mine));
            if (mine != null) {
                CertificateVerifySupport.send(hs, mine, false);
                ourScheme = mine.scheme();
            }
        }
        FinishedSupport.send(hs, keys, keys.clientHandshakeTrafficSecret());
        keys.deriveResumptionMasterSecret(hs.transcript.hash());
        return hs.complete(Established.ofClient(finishing.negotiated(), keys, finishing.server(), ourScheme),
                finishing.application());
    }

    /** Waiting for the caller after INCOMPLETE_CREDENTIALS. */
    static State resume(Tls13Handshake hs, ClientFinishing finishing, ClientCertificateRequest request,
            CertificateSelector selector) throws AlertException {
        SelectedCertificate mine = selector.select(request.schemes(), request.issuers(), null);
        return sendFlight(hs, finishing, request, mine);
    }
}
