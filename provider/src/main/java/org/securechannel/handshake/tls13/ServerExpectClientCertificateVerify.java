package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.record.RawHandshake;

/** Server: the client's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ServerExpectClientCertificateVerify implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateVerify cv = CertificateVerify.parse(message.body());
        hs.clientScheme = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(),
                hs.peerChain.get(0).getPublicKey(), false);
        hs.transcript.add(message.encoded());
        return new ServerExpectClientFinished();
    }
}
