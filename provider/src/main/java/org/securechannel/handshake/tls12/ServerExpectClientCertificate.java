package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.Tls12CertificateMessage;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.CertificateChains;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.record.RawHandshake;

/**
 * Server: we asked for a certificate; the client's Certificate comes before its ClientKeyExchange (RFC 5246
 * §7.4.6). An empty one is accepted when client authentication is optional; when it is required, TLS 1.2 has
 * no certificate_required alert, and RFC 5246 names handshake_failure. A chain is judged at once by the
 * configured authenticator (trust manager, certificate mapper).
 */
final class ServerExpectClientCertificate implements State {
    private final Negotiated negotiated;
    private final KeyShare share;

    ServerExpectClientCertificate(Negotiated negotiated, KeyShare share) {
        this.negotiated = negotiated;
        this.share = share;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_SERVER_EXPECT_CLIENT_CERTIFICATE;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        List<byte[]> der = Tls12CertificateMessage.parse(message.body()).certificates();
        List<X509Certificate> chain = List.of();
        if (der.isEmpty()) {
            if (hs.config.clientAuth() == ClientAuthMode.REQUIRED) {
                throw AlertException.handshakeFailure("the client sent no certificate, and one is required");
            }
        } else {
            chain = CertificateChains.parse(der);
            hs.config.peerAuthenticator().authenticate(chain);
        }
        hs.transcript.add(message.encoded());
        return new ServerExpectClientKeyExchange(negotiated, share, chain);
    }

    @Override
    public void destroy() {
        share.destroy();
    }
}
