package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.record.RawHandshake;

/** Client: the server is authenticated; its Finished must come. Then our flight goes out. */
final class ClientExpectFinished implements State {
    private final ClientCertificateRequest request;

    ClientExpectFinished(ClientCertificateRequest request) {
        this.request = request;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_CLIENT_EXPECT_FINISHED;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        FinishedSupport.verify(hs, message, hs.keys.serverHandshakeTrafficSecret());
        hs.keys.deriveApplicationSecrets(hs.transcript.hash());
        hs.clientApplicationSecret = hs.keys.clientApplicationTrafficSecret();
        hs.serverApplicationSecret = hs.keys.serverApplicationTrafficSecret();
        if (request == null) {
            return sendFlight(hs, null, null);
        }
        SelectedCertificate mine = hs.config.certificates().select(request.schemes(), request.issuers(), null);
        if (mine == null) {
            // Schannel's SEC_I_INCOMPLETE_CREDENTIALS: let the caller supply a certificate, or go on without.
            return new ClientAwaitCredentials(request);
        }
        return sendFlight(hs, request, mine);
    }

    /** Certificate and CertificateVerify (when asked for), then Finished; the handshake is complete. */
    static State sendFlight(Tls13Handshake hs, ClientCertificateRequest request, SelectedCertificate mine) throws AlertException {
        hs.sendChangeCipherSpecOnce();
        if (request != null) {
            hs.send(PeerCertificates.encode(mine));
            if (mine != null) {
                CertificateVerifySupport.send(hs, mine, false);
                hs.clientScheme = mine.scheme();
            }
        }
        FinishedSupport.send(hs, hs.keys.clientHandshakeTrafficSecret());
        hs.keys.deriveResumptionMasterSecret(hs.transcript.hash());
        hs.completeHandshake();
        return new Connected();
    }

    /** Waiting for the caller after INCOMPLETE_CREDENTIALS. */
    static State resume(Tls13Handshake hs, ClientCertificateRequest request, CertificateSelector selector) throws AlertException {
        SelectedCertificate mine = selector.select(request.schemes(), request.issuers(), null);
        return sendFlight(hs, request, mine);
    }
}
