package org.securechannel.context;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.handshake.PeerAuthenticator;

/**
 * Judges a peer chain through the configured {@link X509TrustManager} (PKIX; never a home-made path
 * validator), then, for a client, the server's host name per RFC 6125.
 */
final class TrustManagerAuthenticator implements PeerAuthenticator {
    private final X509TrustManager trustManager;
    private final boolean client;
    private final String serverName;

    TrustManagerAuthenticator(X509TrustManager trustManager, boolean client, String serverName) {
        this.trustManager = trustManager;
        this.client = client;
        this.serverName = serverName;
    }

    @Override
    public void authenticate(List<X509Certificate> chain) throws AlertException {
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        // TLS 1.3 has no key-exchange-specific auth type; "UNKNOWN" makes the JDK's PKIX manager check
        // the server leaf for digitalSignature key usage, which is what TLS 1.3 needs.
        String authType = client ? "UNKNOWN" : clientAuthType(certs[0]);
        try {
            if (client) {
                trustManager.checkServerTrusted(certs, authType);
            } else {
                trustManager.checkClientTrusted(certs, authType);
            }
        } catch (CertificateException e) {
            throw new AlertException(CertificateFailures.alertFor(e),
                    (client ? "server" : "client") + " certificate rejected: " + CertificateFailures.describe(e), e);
        } catch (RuntimeException e) {
            throw new AlertException(AlertDescription.CERTIFICATE_UNKNOWN,
                    "trust manager failed on the " + (client ? "server" : "client") + " certificate: " + e, e);
        }
        if (client && serverName != null && !HostnameChecker.matches(serverName, certs[0])) {
            throw new AlertException(AlertDescription.CERTIFICATE_UNKNOWN, "server certificate does not match the host name '"
                    + serverName + "' (subject " + certs[0].getSubjectX500Principal() + ")");
        }
    }

    /** As SunJSSE passes it for client certificates: the leaf's key algorithm. */
    private static String clientAuthType(X509Certificate leaf) {
        String algorithm = leaf.getPublicKey().getAlgorithm();
        switch (algorithm) {
            case "RSA":
            case "EC":
            case "RSASSA-PSS":
            case "DSA":
                return algorithm;
            default:
                return "UNKNOWN";
        }
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        X509Certificate[] accepted = trustManager.getAcceptedIssuers();
        if (accepted == null || accepted.length > 100) {
            // A CA list the size of a public trust store would bloat every CertificateRequest; send none.
            return List.of();
        }
        X500Principal[] names = new X500Principal[accepted.length];
        for (int i = 0; i < accepted.length; i++) {
            names[i] = accepted[i].getSubjectX500Principal();
        }
        return List.of(names);
    }
}
