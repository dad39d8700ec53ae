package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Client: after EncryptedExtensions, a CertificateRequest or the server's Certificate. */
final class ClientExpectCertificateOrRequest implements State {
    private final Negotiated negotiated;
    private final Tls13KeySchedule keys;

    ClientExpectCertificateOrRequest(Negotiated negotiated, Tls13KeySchedule keys) {
        this.negotiated = negotiated;
        this.keys = keys;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE_OR_REQUEST;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.CERTIFICATE) {
            return serverCertificate(hs, message, negotiated, keys, null);
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
        ClientCertificateRequest pending = new ClientCertificateRequest(
                Schemes.forOurCertificateVerify(codes, hs.config.signatureSchemes()),
                CertificateAuthorities.names(request.extension(ExtensionType.CERTIFICATE_AUTHORITIES)));
        hs.certificateRequested(pending.issuers());
        hs.transcript.add(message.encoded());
        return new ExpectServerCertificate(negotiated, keys, pending);
    }

    @Override
    public void destroy() {
        keys.destroy();
    }

    /** After a CertificateRequest only the Certificate may come. */
    static final class ExpectServerCertificate implements State {
        private final Negotiated negotiated;
        private final Tls13KeySchedule keys;
        private final ClientCertificateRequest request;

        ExpectServerCertificate(Negotiated negotiated, Tls13KeySchedule keys, ClientCertificateRequest request) {
            this.negotiated = negotiated;
            this.keys = keys;
            this.request = request;
        }

        @Override
        public MessageOrder order(boolean client) {
            return MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE;
        }

        @Override
        public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
            return serverCertificate(hs, message, negotiated, keys, request);
        }

        @Override
        public void destroy() {
            keys.destroy();
        }
    }

    /** The server's chain, accepted by the configured authenticator; its CertificateVerify comes next. */
    static State serverCertificate(Tls13Handshake hs, RawHandshake message, Negotiated negotiated, Tls13KeySchedule keys,
            ClientCertificateRequest request) throws AlertException {
        CertificateMessage certificate = CertificateMessage.parse(message.body());
        if (certificate.entries().isEmpty()) {
            throw AlertException.decodeError("server sent an empty Certificate");
        }
        List<X509Certificate> chain = PeerCertificates.parse(certificate);
        hs.config.peerAuthenticator().authenticate(chain);
        hs.transcript.add(message.encoded());
        return new ClientExpectCertificateVerify(negotiated, keys, chain, request);
    }
}
