package org.securechannel.handshake.tls13;

import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.record.RawHandshake;

/** Client: after EncryptedExtensions, a CertificateRequest or the server's Certificate. */
final class ClientExpectCertificateOrRequest implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE_OR_REQUEST;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.CERTIFICATE) {
            return serverCertificate(hs, message, null);
        }
        CertificateRequest request = CertificateRequest.parse(message.body());
        if (request.requestContext().length != 0) {
            throw AlertException.illegalParameter("CertificateRequest in the handshake must have an empty context");
        }
        Extension sigAlgs = request.extension(ExtensionType.SIGNATURE_ALGORITHMS);
        if (sigAlgs == null) {
            throw new AlertException(AlertDescription.MISSING_EXTENSION, "CertificateRequest has no signature_algorithms");
        }
        List<Integer> codes = SignatureAlgorithmsExtension.parse(sigAlgs.data());
        hs.acceptableIssuers = CertificateAuthorities.names(request.extension(ExtensionType.CERTIFICATE_AUTHORITIES));
        hs.transcript.add(message.encoded());
        ClientCertificateRequest pending = new ClientCertificateRequest(
                Schemes.forOurCertificateVerify(codes, hs.config.signatureSchemes()), hs.acceptableIssuers);
        return new ExpectServerCertificate(pending);
    }

    /** After a CertificateRequest only the Certificate may come. */
    static final class ExpectServerCertificate implements State {
        private final ClientCertificateRequest request;

        ExpectServerCertificate(ClientCertificateRequest request) {
            this.request = request;
        }

        @Override
        public org.securechannel.handshake.MessageOrder order(boolean client) {
            return org.securechannel.handshake.MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE;
        }

        @Override
        public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
            return serverCertificate(hs, message, request);
        }
    }

    static State serverCertificate(Tls13Handshake hs, RawHandshake message, ClientCertificateRequest request) throws AlertException {
        CertificateMessage certificate = CertificateMessage.parse(message.body());
        if (certificate.entries().isEmpty()) {
            throw AlertException.decodeError("server sent an empty Certificate");
        }
        hs.peerChain = PeerCertificates.parse(certificate);
        hs.config.peerAuthenticator().authenticate(hs.peerChain);
        hs.transcript.add(message.encoded());
        return new ClientExpectCertificateVerify(request);
    }
}
