package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.HandshakeType;
import org.securechannel.record.RawHandshake;

/** Client: the server's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ClientExpectCertificateVerify implements State {
    private final ClientCertificateRequest request;

    ClientExpectCertificateVerify(ClientCertificateRequest request) {
        this.request = request;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() != HandshakeType.CERTIFICATE_VERIFY) {
            throw State.unexpected(message, "CertificateVerify");
        }
        CertificateVerify cv = CertificateVerify.parse(message.body());
        hs.serverScheme = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(),
                hs.peerChain.get(0).getPublicKey(), true);
        hs.transcript.add(message.encoded());
        return new ClientExpectFinished(request);
    }
}
