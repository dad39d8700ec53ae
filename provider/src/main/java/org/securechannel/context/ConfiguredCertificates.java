package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;

/**
 * Picks among certificate chains given directly in the credentials: the first scheme in the peer's order
 * that one of our keys can produce, preferring chains issued by a CA the peer named.
 */
final class ConfiguredCertificates implements CertificateSelector {
    private final List<Credentials.CertifiedKey> certificates;
    /** A client presents only a chain the server's CA list allows; a server treats the client's list as a hint. */
    private final boolean issuersAreStrict;

    ConfiguredCertificates(List<Credentials.CertifiedKey> certificates, boolean issuersAreStrict) {
        this.certificates = certificates;
        this.issuersAreStrict = issuersAreStrict;
    }

    @Override
    public SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName) {
        SelectedCertificate match = find(schemes, issuers);
        if (match == null && !issuers.isEmpty() && !issuersAreStrict) {
            match = find(schemes, List.of());
        }
        return match;
    }

    private SelectedCertificate find(List<SignatureScheme> schemes, List<X500Principal> issuers) {
        for (SignatureScheme scheme : schemes) {
            for (Credentials.CertifiedKey ck : certificates) {
                if (SignatureSchemes.keyMatches(scheme, ck.privateKey()) && issuedByOneOf(ck.chain(), issuers)) {
                    return new SelectedCertificate(ck.chain(), ck.privateKey(), scheme);
                }
            }
        }
        return null;
    }

    /** True when {@code issuers} is empty or names the issuer of any certificate in the chain. */
    static boolean issuedByOneOf(List<X509Certificate> chain, List<X500Principal> issuers) {
        if (issuers.isEmpty()) {
            return true;
        }
        for (X509Certificate c : chain) {
            if (issuers.contains(c.getIssuerX500Principal()) || issuers.contains(c.getSubjectX500Principal())) {
                return true;
            }
        }
        return false;
    }
}
