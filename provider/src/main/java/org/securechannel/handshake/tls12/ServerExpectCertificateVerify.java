package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.record.RawHandshake;

/**
 * Server: the client proves it holds its certificate's key by signing every handshake message so far (RFC
 * 5246 §7.4.8). The scheme must be one our CertificateRequest offered and fit the key (illegal_parameter); a
 * signature that does not verify is decrypt_error.
 */
final class ServerExpectCertificateVerify implements State {
    private final Negotiated negotiated;
    private final PendingKeys keys;
    private final List<X509Certificate> clientChain;

    ServerExpectCertificateVerify(Negotiated negotiated, PendingKeys keys, List<X509Certificate> clientChain) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.clientChain = clientChain;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_SERVER_EXPECT_CERTIFICATE_VERIFY;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        CertificateVerify cv = CertificateVerify.parse(message.body());
        SignatureScheme scheme = PeerSignature.verify(hs, cv.signatureScheme(), null, clientChain.get(0).getPublicKey(),
                hs.transcript.keptMessages(), cv.signature(), "CertificateVerify");
        hs.transcript.keepMessages(false);
        hs.transcript.add(message.encoded());
        return new ExpectChangeCipherSpec(new Finishing(false, negotiated, keys, clientChain, scheme, true));
    }

    @Override
    public void destroy() {
        keys.destroy();
    }
}
