package org.securechannel.handshake;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The certificate chain we present, its key, and the scheme our CertificateVerify will use. */
public record SelectedCertificate(List<X509Certificate> chain, PrivateKey key,
        org.securechannel.codec.SignatureScheme scheme) {
    public SelectedCertificate {
        chain = List.copyOf(chain);
    }
}
