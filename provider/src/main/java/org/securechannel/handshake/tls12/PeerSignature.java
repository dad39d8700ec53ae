package org.securechannel.handshake.tls12;

import java.security.PublicKey;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;

/**
 * A peer's TLS 1.2 signature, in a ServerKeyExchange or a CertificateVerify (RFC 5246 §7.4.3, §7.4.8): the scheme
 * must be one we offered that fits the signing key as TLS 1.2 reads it (illegal_parameter otherwise: an ECDSA scheme
 * names only its hash here, so a P-384 key may sign with 0x0403, see {@link SignatureSchemes}), and the signature
 * must verify over what was signed (decrypt_error otherwise).
 */
final class PeerSignature {
    private PeerSignature() {
    }

    /**
     * @param fits      a further rule on the scheme (the suite's key type for a ServerKeyExchange), or null
     * @param message   the message's name, for the exceptions
     * @return the scheme the peer signed with
     */
    static SignatureScheme verify(Tls12Handshake hs, int schemeCode, java.util.function.Predicate<SignatureScheme> fits,
            PublicKey key, byte[] signed, byte[] signature, String message) throws AlertException {
        SignatureScheme scheme = SignatureScheme.of(schemeCode);
        if (scheme == null || !hs.config.signatureSchemes().contains(scheme) || fits != null && !fits.test(scheme)
                || !SignatureSchemes.keyMatches(scheme, key, ProtocolVersion.TLS12)) {
            throw AlertException.illegalParameter(String.format(
                    "%s signed with scheme 0x%04x, which we did not offer for it or which does not fit the key", message, schemeCode));
        }
        if (!hs.crypto.verify(scheme, key, signed, signature)) {
            throw new AlertException(AlertDescription.DECRYPT_ERROR, "the " + message + " signature does not verify");
        }
        return scheme;
    }
}
