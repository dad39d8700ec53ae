package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * A TLS 1.3 server whose only identity is an RSA certificate behind the JDK's PKIX key manager (found by the peer
 * matrix: it refused every client). The PKIX key manager judges the chain's own signatures (rsa_pkcs1_sha256) against
 * what the handshake session says the peer supports, so it must be told the client's certificate schemes
 * (signature_algorithms_cert, where SunJSSE 25 puts rsa_pkcs1_*, else signature_algorithms), not the CertificateVerify
 * ones. On JDK 17 the SunJSSE client exercises the second case, on Temurin 25 the first.
 */
@Timeout(30)
class RsaKeyManagerTls13Test {
    private static final Provider PROVIDER = new SecureChannelProvider();

    @ParameterizedTest
    @ValueSource(strings = {"PKIX", "SunX509"})
    void sunJsseClientConnectsToOurRsaServer(String keyManagerAlgorithm) throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.RSA_2048);
        TestPki.Issued rsa = ca.issue(TestPki.KeyType.RSA_2048, "rsa.example");
        SSLContext server = SSLContext.getInstance("TLSv1.3", PROVIDER);
        server.init(EngineLoop.keyManagers(keyManagerAlgorithm, rsa), null, null);
        SSLContext client = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        client.init(null, EngineLoop.trustManagers(ca.root()), null);
        SSLEngine c = client.createSSLEngine("rsa.example", 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(c, s).handshake();
        assertEquals("TLSv1.3", loop.client.getSession().getProtocol());
        assertEquals("RSA", loop.client.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
    }
}
