package org.securechannel.handshake.tls13;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.SignatureScheme;

/** Signature-scheme lists as the two sides see them. */
final class Schemes {
    private Schemes() {
    }

    /** The peer's schemes (its order) that we enable and that TLS 1.3 allows in CertificateVerify. */
    static List<SignatureScheme> forOurCertificateVerify(List<Integer> peerCodes, List<SignatureScheme> ours) {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : SignatureScheme.known(peerCodes)) {
            if (s.allowedInHandshake() && ours.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static List<Integer> codes(List<SignatureScheme> schemes) {
        List<Integer> out = new ArrayList<>(schemes.size());
        for (SignatureScheme s : schemes) {
            out.add(s.code());
        }
        return out;
    }

    /** The schemes we may receive in the peer's CertificateVerify. */
    static List<SignatureScheme> handshakeOnly(List<SignatureScheme> ours) {
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : ours) {
            if (s.allowedInHandshake()) {
                out.add(s);
            }
        }
        return out;
    }
}
