package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.ClientKeyExchange;
import org.securechannel.codec.Finished;
import org.securechannel.codec.Tls12CertificateMessage;
import org.securechannel.crypto.KeyExchangeResponse;
import org.securechannel.handshake.CertificateChains;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.handshake.Tls12KeySchedule;

/**
 * Client: our answer to ServerHelloDone (RFC 5246 §7.3): [Certificate], ClientKeyExchange, [CertificateVerify],
 * change_cipher_spec, Finished. The extended master secret's session hash ends with the ClientKeyExchange
 * (RFC 7627 §3); the CertificateVerify signs every message before it.
 *
 * @param request the server's CertificateRequest, or null when it sent none
 */
record ClientFlight(Negotiated negotiated, List<X509Certificate> serverChain, byte[] serverPublicValue, CertificateRequested request) {

    /** Sends the flight with {@code mine} (null: no certificate, an empty Certificate if one was requested). */
    State send(Tls12Handshake hs, SelectedCertificate mine) throws AlertException {
        // In TLS 1.2 the server initiates (ServerKeyExchange) and we respond (ClientKeyExchange).
        KeyExchangeResponse answer = hs.crypto.respond(negotiated.group(), serverPublicValue);
        byte[] preMaster = answer.secret();
        if (request != null) {
            hs.send(new Tls12CertificateMessage(mine == null ? List.of() : CertificateChains.encode(mine.chain())));
        }
        hs.send(new ClientKeyExchange(answer.share()));
        Tls12KeySchedule schedule = Tls12KeySchedule.fromPreMasterSecret(hs.crypto, negotiated.suite().hash(), preMaster,
                hs.transcript.hash(), negotiated.clientRandom(), negotiated.serverRandom()).observedBy(hs.config.observer());
        if (mine != null) {
            byte[] signature = hs.crypto.sign(mine.scheme(), mine.key(), hs.transcript.keptMessages());
            hs.send(new CertificateVerify(mine.scheme().code(), signature));
        }
        hs.transcript.keepMessages(false);
        PendingKeys keys = PendingKeys.derive(hs.crypto, negotiated.suite(), schedule);
        hs.changeWriteKeys(keys.writeProtection(true));
        hs.send(new Finished(schedule.verifyData(true, hs.transcript.hash())));
        return ClientExpectNewSessionTicket.orChangeCipherSpec(new Finishing(true, negotiated, keys, serverChain,
                mine == null ? null : mine.scheme(), false));
    }
}
