package org.securechannel.handshake.tls13;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;
import org.securechannel.handshake.SelectedCertificate;

/** Producing and checking CertificateVerify (RFC 8446 §4.4.3) for either role. */
final class CertificateVerifySupport {
    private static final byte[] SERVER_CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private CertificateVerifySupport() {
    }

    /** 64 spaces, the context string, a zero byte, then the transcript hash. */
    static byte[] signedContent(boolean byServer, byte[] transcriptHash) {
        byte[] context = byServer ? SERVER_CONTEXT : CLIENT_CONTEXT;
        byte[] content = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, content, 64, context.length);
        System.arraycopy(transcriptHash, 0, content, 64 + context.length + 1, transcriptHash.length);
        return content;
    }

    /** Signs the transcript so far and sends CertificateVerify. */
    static void send(Tls13Handshake hs, SelectedCertificate certificate, boolean byServer) throws AlertException {
        byte[] content = signedContent(byServer, hs.transcript.hash());
        byte[] signature = hs.crypto.sign(certificate.scheme(), certificate.key(), content);
        hs.send(new CertificateVerify(certificate.scheme().code(), signature));
    }

    /**
     * Checks the peer's CertificateVerify against its leaf key and the transcript before it. The scheme
     * must be one we offered, legal in TLS 1.3 handshakes, and fit the key with its curve (an ECDSA scheme names
     * both in TLS 1.3; illegal_parameter otherwise);
     * a signature that does not verify is a decrypt_error. The only place a {@link VerifiedPeer} with a chain
     * is made.
     */
    static VerifiedPeer verify(Tls13Handshake hs, CertificateVerify cv, List<SignatureScheme> offered,
            List<X509Certificate> chain, boolean byServer) throws AlertException {
        PublicKey peerKey = chain.get(0).getPublicKey();
        SignatureScheme scheme = SignatureScheme.of(cv.signatureScheme());
        if (scheme == null || !offered.contains(scheme) || !scheme.allowedInHandshake()) {
            throw AlertException.illegalParameter(String.format(
                    "CertificateVerify uses signature scheme 0x%04x, which was not offered", cv.signatureScheme()));
        }
        if (!SignatureSchemes.keyMatches(scheme, peerKey, ProtocolVersion.TLS13)) {
            throw AlertException.illegalParameter("CertificateVerify scheme " + scheme.ianaName()
                    + " does not fit the certificate's " + peerKey.getAlgorithm() + " key");
        }
        byte[] content = signedContent(byServer, hs.transcript.hash());
        if (!hs.crypto.verify(scheme, peerKey, content, cv.signature())) {
            throw new AlertException(AlertDescription.DECRYPT_ERROR,
                    (byServer ? "server" : "client") + " CertificateVerify signature does not verify");
        }
        return new VerifiedPeer(chain, scheme);
    }
}
