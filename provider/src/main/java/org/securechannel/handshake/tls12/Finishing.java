package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.Tls12NewSessionTicket;

/**
 * What a TLS 1.2 handshake knows once its keys exist, carried from the peer's change_cipher_spec to its Finished.
 *
 * @param peerChain    the peer's verified chain (empty for a client that sent none)
 * @param clientScheme the scheme of the client's CertificateVerify, or null
 * @param answer       whether our change_cipher_spec and Finished follow the peer's: a full handshake's server, a
 *                     resumption's client (RFC 5246 §7.3, Figures 1 and 2)
 * @param ticket       client: the NewSessionTicket the server sent before its change_cipher_spec, or null; kept only
 *                     once the server's Finished verifies
 */
record Finishing(boolean client, Negotiated negotiated, PendingKeys keys, List<X509Certificate> peerChain,
        SignatureScheme clientScheme, boolean answer, Tls12NewSessionTicket ticket) {
    Finishing {
        peerChain = List.copyOf(peerChain);
    }

    Finishing(boolean client, Negotiated negotiated, PendingKeys keys, List<X509Certificate> peerChain,
            SignatureScheme clientScheme, boolean answer) {
        this(client, negotiated, keys, peerChain, clientScheme, answer, null);
    }

    Finishing withTicket(Tls12NewSessionTicket received) {
        return new Finishing(client, negotiated, keys, peerChain, clientScheme, answer, received);
    }
}
