package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.Tls12CertificateMessage;
import org.securechannel.handshake.CertificateChains;
import org.securechannel.record.RawHandshake;

/** Client: the server's chain, judged by the configured authenticator (trust manager, host name) at once. */
final class ClientExpectCertificate implements State {
    private final Hellos hellos;

    ClientExpectCertificate(Hellos hellos) {
        this.hellos = hellos;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_CLIENT_EXPECT_CERTIFICATE;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        List<byte[]> der = Tls12CertificateMessage.parse(message.body()).certificates();
        if (der.isEmpty()) {
            throw AlertException.decodeError("the server sent an empty certificate chain");
        }
        List<X509Certificate> chain = CertificateChains.parse(der);
        hs.config.peerAuthenticator().authenticate(chain);
        hs.transcript.add(message.encoded());
        return new ClientExpectServerKeyExchange(hellos, chain);
    }
}
