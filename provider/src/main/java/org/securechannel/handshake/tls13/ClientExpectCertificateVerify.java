package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.record.RawHandshake;

/** Client: the server's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ClientExpectCertificateVerify implements State {
    private final Negotiated negotiated;
    private final Tls13KeySchedule keys;
    /** Accepted by the authenticator, not yet proven: the CertificateVerify does that. */
    private final List<X509Certificate> chain;
    private final ClientCertificateRequest request;

    ClientExpectCertificateVerify(Negotiated negotiated, Tls13KeySchedule keys, List<X509Certificate> chain,
            ClientCertificateRequest request) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.chain = chain;
        this.request = request;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_EXPECT_CERTIFICATE_VERIFY;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateVerify cv = CertificateVerify.parse(message.body());
        VerifiedPeer server = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(), chain, true);
        hs.transcript.add(message.encoded());
        return new ClientExpectFinished(negotiated, keys, server, request);
    }

    @Override
    public void destroy() {
        keys.destroy();
    }
}
