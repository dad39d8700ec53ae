package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.handshake.Tls13KeySchedule;

/**
 * A completed TLS 1.3 handshake: what was negotiated, the key schedule (exporter, KeyUpdate, resumption), the
 * schemes of both CertificateVerify messages and the peer's verified chain (empty when a client sent none).
 */
record Established(Negotiated negotiated, Tls13KeySchedule keys, SignatureScheme serverScheme,
        SignatureScheme clientScheme, List<X509Certificate> peerChain) {

    Established {
        peerChain = List.copyOf(peerChain);
    }

    /** A client's view: the server was verified; {@code ourScheme} signed our CertificateVerify, or is null. */
    static Established ofClient(Negotiated negotiated, Tls13KeySchedule keys, VerifiedPeer server, SignatureScheme ourScheme) {
        return new Established(negotiated, keys, server.scheme(), ourScheme, server.chain());
    }

    /** A server's view: {@code ourScheme} signed our CertificateVerify; the client is verified or {@link VerifiedPeer#NONE}. */
    static Established ofServer(Negotiated negotiated, Tls13KeySchedule keys, SignatureScheme ourScheme, VerifiedPeer client) {
        return new Established(negotiated, keys, ourScheme, client.scheme(), client.chain());
    }

    HandshakeSummary summary() {
        Negotiated n = negotiated;
        return new HandshakeSummary(ProtocolVersion.TLS13, n.suite(), n.group(), serverScheme, clientScheme,
                n.helloRetryRequest(), peerChain, n.applicationProtocol(), n.serverName(), n.resumed());
    }
}
