package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.record.RawHandshake;

/** Server: we asked for a client certificate; the client's Certificate (possibly empty) must come. */
final class ServerExpectClientCertificate implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateMessage certificate = CertificateMessage.parse(message.body());
        hs.peerChain = PeerCertificates.parse(certificate);
        if (hs.peerChain.isEmpty()) {
            if (hs.config.clientAuth() == ClientAuthMode.REQUIRED) {
                throw new AlertException(AlertDescription.CERTIFICATE_REQUIRED, "client sent no certificate, which is required");
            }
            hs.transcript.add(message.encoded());
            return new ServerExpectClientFinished();
        }
        hs.config.peerAuthenticator().authenticate(hs.peerChain);
        hs.transcript.add(message.encoded());
        return new ServerExpectClientCertificateVerify();
    }
}
