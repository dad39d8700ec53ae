package org.securechannel.context;

import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;

/** Picks a certificate through an {@link X509KeyManager}, asking for key types in the peer's scheme order. */
final class KeyManagerCertificates implements CertificateSelector {
    private final X509KeyManager keyManager;
    private final boolean client;

    KeyManagerCertificates(X509KeyManager keyManager, boolean client) {
        this.keyManager = keyManager;
        this.client = client;
    }

    @Override
    public SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName) {
        return select(schemes, issuers, serverName, schemes);
    }

    @Override
    public SelectedCertificate select(List<SignatureScheme> schemes, List<X500Principal> issuers, String serverName,
            List<SignatureScheme> peerSchemes) {
        if (keyManager instanceof CertificateSelectionHints) {
            ((CertificateSelectionHints) keyManager).selecting(serverName, peerSchemes);
        }
        Principal[] names = issuers.isEmpty() ? null : issuers.toArray(new Principal[0]);
        for (SignatureScheme scheme : schemes) {
            String keyType = keyType(scheme);
            String alias = client
                    ? keyManager.chooseClientAlias(new String[] {keyType}, names, null)
                    : keyManager.chooseServerAlias(keyType, names, null);
            if (alias == null) {
                continue;
            }
            X509Certificate[] chain = keyManager.getCertificateChain(alias);
            PrivateKey key = keyManager.getPrivateKey(alias);
            if (chain != null && chain.length > 0 && key != null && SignatureSchemes.keyMatches(scheme, key)) {
                return new SelectedCertificate(List.of(chain), key, scheme);
            }
        }
        return null;
    }

    /** The key type names JSSE key managers understand. */
    static String keyType(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
            case ECDSA_SECP384R1_SHA384:
            case ECDSA_SECP521R1_SHA512:
                return "EC";
            case ED25519:
                return "EdDSA";
            case RSA_PSS_PSS_SHA256:
            case RSA_PSS_PSS_SHA384:
            case RSA_PSS_PSS_SHA512:
                return "RSASSA-PSS";
            default:
                return "RSA";
        }
    }
}
