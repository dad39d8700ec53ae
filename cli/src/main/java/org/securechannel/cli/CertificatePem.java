package org.securechannel.cli;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** {@code --showcerts}: a chain as PEM blocks (RFC 7468), each preceded by its subject and issuer, as s_client does. */
final class CertificatePem {
    private CertificatePem() {
    }

    static String chain(List<X509Certificate> chain) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            b.append(i).append(" s:").append(c.getSubjectX500Principal().getName()).append('\n');
            b.append("  i:").append(c.getIssuerX500Principal().getName()).append('\n');
            b.append(pem(c));
        }
        return b.toString();
    }

    static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            return "(certificate cannot be encoded: " + e.getMessage() + ")\n";
        }
    }
}
