package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.HandshakeType;
import org.securechannel.record.RawHandshake;

/** Server: the client's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ServerExpectClientCertificateVerify implements State {
    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() != HandshakeType.CERTIFICATE_VERIFY) {
            throw State.unexpected(message, "the client's CertificateVerify");
        }
        CertificateVerify cv = CertificateVerify.parse(message.body());
        hs.clientScheme = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(),
                hs.peerChain.get(0).getPublicKey(), false);
        hs.transcript.add(message.encoded());
        return new ServerExpectClientFinished();
    }
}
