package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.EmptyHandshakeMessage;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.Tls12CertificateRequest;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.record.RawHandshake;

/**
 * Client: an optional CertificateRequest, then ServerHelloDone. With no certificate of ours that fits the
 * request, the handshake waits for the caller (Schannel's INCOMPLETE_CREDENTIALS), exactly as in TLS 1.3.
 */
final class ClientExpectServerHelloDone implements State {
    private final Negotiated negotiated;
    private final List<X509Certificate> serverChain;
    private final byte[] serverPublicValue;
    /** What the server's CertificateRequest asked for, or null when it sent none. */
    private final CertificateRequested request;

    ClientExpectServerHelloDone(Negotiated negotiated, List<X509Certificate> serverChain, byte[] serverPublicValue,
            CertificateRequested request) {
        this.negotiated = negotiated;
        this.serverChain = serverChain;
        this.serverPublicValue = serverPublicValue;
        this.request = request;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return request == null ? org.securechannel.handshake.MessageOrder.TLS12_CLIENT_EXPECT_CERTIFICATE_REQUEST_OR_DONE : org.securechannel.handshake.MessageOrder.TLS12_CLIENT_EXPECT_SERVER_HELLO_DONE;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.CERTIFICATE_REQUEST) {
            CertificateRequested asked = CertificateRequested.of(Tls12CertificateRequest.parse(message.body()), hs.config);
            hs.certificateRequested(asked.issuers());
            hs.transcript.add(message.encoded());
            return new ClientExpectServerHelloDone(negotiated, serverChain, serverPublicValue, asked);
        }
        EmptyHandshakeMessage.SERVER_HELLO_DONE.parse(message.body());
        hs.transcript.add(message.encoded());
        ClientFlight flight = new ClientFlight(negotiated, serverChain, serverPublicValue, request);
        if (request == null) {
            hs.transcript.keepMessages(false); // no CertificateVerify to sign them
            return flight.send(hs, null);
        }
        SelectedCertificate mine = Tls12SigningScheme.select(hs.config.certificates(), request.schemes(), request.issuers(), null, null);
        return mine == null ? new ClientAwaitCredentials(flight) : flight.send(hs, mine);
    }
}
