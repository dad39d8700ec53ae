package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/** Server: we asked for a client certificate; the client's Certificate (possibly empty) must come. */
final class ServerExpectClientCertificate implements State {
    private final ServerFinishing finishing;

    ServerExpectClientCertificate(ServerFinishing finishing) {
        this.finishing = finishing;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateMessage certificate = CertificateMessage.parse(message.body());
        List<X509Certificate> chain = PeerCertificates.parse(certificate);
        if (chain.isEmpty()) {
            if (hs.config.clientAuth() == ClientAuthMode.REQUIRED) {
                throw new AlertException(AlertDescription.CERTIFICATE_REQUIRED, "client sent no certificate, which is required");
            }
            hs.transcript.add(message.encoded());
            return new ServerExpectClientFinished(finishing, VerifiedPeer.NONE);
        }
        hs.config.peerAuthenticator().authenticate(chain);
        hs.transcript.add(message.encoded());
        return new ServerExpectClientCertificateVerify(finishing, chain);
    }

    @Override
    public void destroy() {
        finishing.destroy();
    }
}
