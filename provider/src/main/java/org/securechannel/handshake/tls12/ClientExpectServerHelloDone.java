package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ClientKeyExchange;
import org.securechannel.codec.EmptyHandshakeMessage;
import org.securechannel.codec.Finished;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.Tls12CertificateMessage;
import org.securechannel.codec.Tls12CertificateRequest;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.Tls12KeySchedule;
import org.securechannel.record.RawHandshake;

/**
 * Client: an optional CertificateRequest, then ServerHelloDone, and our whole answer (RFC 5246 §7.3):
 * [Certificate], ClientKeyExchange, change_cipher_spec, Finished. A CertificateRequest is answered with an
 * empty Certificate: client certificates over TLS 1.2 are not offered yet, and declining is what a client
 * without one does; a server that insists ends the handshake itself.
 */
final class ClientExpectServerHelloDone implements State {
    private final Negotiated negotiated;
    private final List<X509Certificate> serverChain;
    private final byte[] serverPublicValue;
    private final boolean certificateRequested;

    ClientExpectServerHelloDone(Negotiated negotiated, List<X509Certificate> serverChain, byte[] serverPublicValue,
            boolean certificateRequested) {
        this.negotiated = negotiated;
        this.serverChain = serverChain;
        this.serverPublicValue = serverPublicValue;
        this.certificateRequested = certificateRequested;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        if (message.type() == HandshakeType.CERTIFICATE_REQUEST && !certificateRequested) {
            Tls12CertificateRequest.parse(message.body());
            hs.transcript.add(message.encoded());
            return new ClientExpectServerHelloDone(negotiated, serverChain, serverPublicValue, true);
        }
        if (message.type() != HandshakeType.SERVER_HELLO_DONE) {
            throw State.unexpected(message, certificateRequested ? "ServerHelloDone" : "CertificateRequest or ServerHelloDone");
        }
        EmptyHandshakeMessage.SERVER_HELLO_DONE.parse(message.body());
        hs.transcript.add(message.encoded());
        KeyShare share = hs.crypto.generateKeyShare(negotiated.group());
        byte[] preMaster;
        try {
            preMaster = share.sharedSecret(serverPublicValue);
            if (certificateRequested) {
                hs.send(new Tls12CertificateMessage(List.of()));
            }
            hs.send(new ClientKeyExchange(share.publicValue()));
        } finally {
            share.destroy();
        }
        Tls12KeySchedule schedule = Tls12KeySchedule.fromPreMasterSecret(hs.crypto, negotiated.suite().hash(), preMaster,
                hs.transcript.hash(), negotiated.clientRandom(), negotiated.serverRandom());
        PendingKeys keys = PendingKeys.derive(hs.crypto, negotiated.suite(), schedule);
        hs.changeWriteKeys(keys.writeProtection(true));
        hs.send(new Finished(schedule.verifyData(true, hs.transcript.hash())));
        return new ExpectChangeCipherSpec(true, negotiated, keys, serverChain, null);
    }
}
