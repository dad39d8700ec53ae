package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.Tls12KeySchedule;

/**
 * A completed TLS 1.2 handshake: what was negotiated, the key schedule (for the exporter), and the peer's
 * verified chain (the server's, on a client; the client's, if it sent one, on a server).
 */
record Established(Negotiated negotiated, Tls12KeySchedule keys, List<X509Certificate> peerChain, SignatureScheme clientScheme) {
    Established {
        peerChain = List.copyOf(peerChain);
    }
}
