package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/** Server: the client's Certificate is in; its CertificateVerify must prove possession of the key. */
final class ServerExpectClientCertificateVerify implements State {
    private final ServerFinishing finishing;
    /** Accepted by the authenticator, not yet proven: the CertificateVerify does that. */
    private final List<X509Certificate> chain;

    ServerExpectClientCertificateVerify(ServerFinishing finishing, List<X509Certificate> chain) {
        this.finishing = finishing;
        this.chain = chain;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        CertificateVerify cv = CertificateVerify.parse(message.body());
        VerifiedPeer client = CertificateVerifySupport.verify(hs, cv, hs.config.signatureSchemes(), chain, false);
        hs.transcript.add(message.encoded());
        return new ServerExpectClientFinished(finishing, client);
    }

    @Override
    public void destroy() {
        finishing.destroy();
    }
}
