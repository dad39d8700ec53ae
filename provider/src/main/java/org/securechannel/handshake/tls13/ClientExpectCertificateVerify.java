package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.record.RawHandshake;

/** Client: the server's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ClientExpectCertificateVerify implements State {
    private final ClientCertificateRequest request;

    ClientExpectCertificateVerify(ClientCertificateRequest request) {
        this.request = request;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE_VERIFY;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateVerify cv = CertificateVerify.parse(message.body());
        hs.serverScheme = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(),
                hs.peerChain.get(0).getPublicKey(), true);
        hs.transcript.add(message.encoded());
        return new ClientExpectFinished(request);
    }
}
