package org.securechannel.handshake.tls12;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;

/**
 * Which certificate we present in TLS 1.2 and which scheme signs with its key, for both roles (the server's
 * ServerKeyExchange, the client's CertificateVerify).
 *
 * <p>In TLS 1.2 an ECDSA scheme names only its hash (see {@link SignatureSchemes}), so a P-384 key may sign with
 * {@code ecdsa_secp256r1_sha256} (0x0403, read as "SHA-256 with ECDSA") when the peer offers nothing else; OpenSSL,
 * SunJSSE and GnuTLS peers expect exactly that. The certificate selectors match keys the curve-bound way (a scheme
 * naming a key's own curve), so they are asked for the peer's usable schemes in its order and then, when one of
 * those is ECDSA, for each curve's own scheme the peer did not offer: the ECDSA key types we may use whatever the
 * hash. The scheme we then sign with is:
 * <ol>
 * <li>the key's own curve-bound scheme (hash strength matching the curve: P-256/SHA-256, P-384/SHA-384,
 *     P-521/SHA-512) when the peer offers it, which is what we did before and what every peer prefers;</li>
 * <li>otherwise the first ECDSA scheme in the peer's order (RFC 8422 §5.4 and RFC 5246 §7.4.1.4.1 let the
 *     signer pick any pair the peer listed): a weaker or stronger hash on a key we hold beats failing the
 *     handshake, and the peer chose the order.</li>
 * </ol>
 * A key on its own curve's offered scheme is always found first, so a peer offering the matching pair sees no
 * change. RSA schemes are not curve-bound and pass through unchanged. TLS 1.3 never comes here: there a scheme
 * is strictly curve-bound.
 */
final class Tls12SigningScheme {
    /** The curve-bound ECDSA schemes: one per curve, the key types the selectors know. */
    private static final List<SignatureScheme> ECDSA_KEY_TYPES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512);

    private Tls12SigningScheme() {
    }

    /**
     * @param usable      the peer's schemes (its order) that we enable and that fit the suite or the request
     * @param peerSchemes the peer's whole list, for the selector's hints (null: {@code usable})
     * @return our certificate and the scheme to sign with (one of {@code usable}), or null when none fits
     */
    static SelectedCertificate select(CertificateSelector selector, List<SignatureScheme> usable,
            List<X500Principal> issuers, String serverName, List<SignatureScheme> peerSchemes) throws AlertException {
        List<SignatureScheme> asked = keyTypes(usable);
        SelectedCertificate picked = peerSchemes == null ? selector.select(asked, issuers, serverName)
                : selector.select(asked, issuers, serverName, peerSchemes);
        if (picked == null || usable.contains(picked.scheme())) {
            return picked;
        }
        SignatureScheme scheme = signingScheme(picked, usable);
        return scheme == null ? null : new SelectedCertificate(picked.chain(), picked.key(), scheme);
    }

    /** {@code usable}, then, when it holds an ECDSA scheme, each curve's own ECDSA scheme it lacks. */
    static List<SignatureScheme> keyTypes(List<SignatureScheme> usable) {
        if (usable.stream().noneMatch(ECDSA_KEY_TYPES::contains)) {
            return usable;
        }
        List<SignatureScheme> asked = new ArrayList<>(usable);
        for (SignatureScheme s : ECDSA_KEY_TYPES) {
            if (!asked.contains(s)) {
                asked.add(s);
            }
        }
        return asked;
    }

    /** The first of {@code usable} the picked key can sign as TLS 1.2 reads it (rule 2), or null. */
    private static SignatureScheme signingScheme(SelectedCertificate picked, List<SignatureScheme> usable) {
        for (SignatureScheme s : usable) {
            if (SignatureSchemes.keyMatches(s, picked.key(), ProtocolVersion.TLS12)) {
                return s;
            }
        }
        return null;
    }
}
