package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.Issued;
import org.securechannel.testing.TestPki.KeyType;

class CertificateFailuresTest {

    /** A real failure from the JDK's PKIX trust manager, as the engine will see it. */
    private static CertificateException rejection(X509Certificate anchor, Issued issued, boolean server)
            throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        X509Certificate[] chain = issued.chain().toArray(new X509Certificate[0]);
        return assertThrows(CertificateException.class, () -> {
            if (server) {
                tm.checkServerTrusted(chain, "UNKNOWN");
            } else {
                tm.checkClientTrusted(chain, "UNKNOWN");
            }
        });
    }

    @Test
    void expiredLeafFromThePkixTrustManager() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        Issued expired = ca.issue(KeyType.EC_P256, o -> o.dnsNames("old.example").expiredDaysAgo(1));
        CertificateException e = rejection(ca.root(), expired, true);
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, CertificateFailures.alertFor(e));
        assertTrue(CertificateFailures.describe(e).startsWith("certificate expired"), CertificateFailures.describe(e));
    }

    @Test
    void notYetValidLeafFromThePkixTrustManager() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        Instant later = Instant.now().plus(Duration.ofDays(2));
        Issued future = ca.issue(KeyType.EC_P256, o -> o.dnsNames("new.example").notBefore(later)
                .notAfter(later.plus(Duration.ofDays(30))));
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED,
                CertificateFailures.alertFor(rejection(ca.root(), future, false)));
    }

    @Test
    void unknownCaFromThePkixTrustManager() throws Exception {
        TestPki trusted = TestPki.ca(KeyType.EC_P256);
        TestPki stranger = TestPki.ca(KeyType.EC_P256);
        Issued issued = stranger.issue(KeyType.EC_P256, "stranger.example");
        CertificateException server = rejection(trusted.root(), issued, true);
        assertEquals(AlertDescription.UNKNOWN_CA, CertificateFailures.alertFor(server));
        assertEquals(AlertDescription.UNKNOWN_CA,
                CertificateFailures.alertFor(rejection(trusted.root(), issued, false)));
        assertTrue(CertificateFailures.describe(server).contains("unknown CA"));
    }

    @Test
    void unknownSelfSignedLeaf() throws Exception {
        TestPki trusted = TestPki.ca(KeyType.RSA_2048);
        Issued self = TestPki.selfSigned(KeyType.EC_P256, "self.example");
        assertEquals(AlertDescription.UNKNOWN_CA, CertificateFailures.alertFor(rejection(trusted.root(), self, true)));
    }

    @Test
    void wrongExtendedKeyUsageIsABadCertificate() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        Issued codeSigning = ca.issue(KeyType.EC_P256, o -> o.dnsNames("x.example")
                .extendedKeyUsages(TestPki.Usage.CODE_SIGNING));
        CertificateException e = rejection(ca.root(), codeSigning, true);
        assertEquals(AlertDescription.BAD_CERTIFICATE, CertificateFailures.alertFor(e));
        assertTrue(CertificateFailures.describe(e).startsWith("bad certificate"), CertificateFailures.describe(e));
    }

    @Test
    void causesAnywhereInTheChainAndValidatorReasons() {
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED, CertificateFailures.alertFor(
                new CertificateException("outer", new RuntimeException(new CertificateExpiredException("x")))));
        assertEquals(AlertDescription.CERTIFICATE_EXPIRED,
                CertificateFailures.alertFor(new CertificateNotYetValidException("y")));
        assertEquals(AlertDescription.CERTIFICATE_REVOKED, CertificateFailures.alertFor(new CertificateException(
                new CertPathValidatorException("revoked", null, null, -1,
                        CertPathValidatorException.BasicReason.REVOKED))));
        assertEquals(AlertDescription.UNKNOWN_CA, CertificateFailures.alertFor(new CertificateException(
                new CertPathValidatorException("no anchor", null, null, -1, PKIXReason.NO_TRUST_ANCHOR))));
        assertEquals(AlertDescription.UNKNOWN_CA, CertificateFailures.alertFor(
                new CertificateException(new java.security.cert.CertPathBuilderException("nope"))));
        assertEquals(AlertDescription.BAD_CERTIFICATE, CertificateFailures.alertFor(new CertificateException(
                new CertPathValidatorException("sig", null, null, -1,
                        CertPathValidatorException.BasicReason.INVALID_SIGNATURE))));
        assertEquals(AlertDescription.BAD_CERTIFICATE, CertificateFailures.alertFor(new CertificateException()));
        assertEquals("bad certificate", CertificateFailures.describe(new CertificateException()));
    }

    @Test
    void causeCycleDoesNotLoop() {
        CertificateException a = new CertificateException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(AlertDescription.BAD_CERTIFICATE, CertificateFailures.alertFor(a));
    }
}
