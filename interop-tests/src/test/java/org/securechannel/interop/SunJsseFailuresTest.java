package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.context.Credentials.ClientAuth;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Refusals against SunJSSE: each side fails for the right reason, and the other side learns it from the
 * alert that crossed the wire.
 */
class SunJsseFailuresTest {

    private static void assertOurFailure(SslEngineDriver d, Reason reason) {
        assertNotNull(d.ourFailure, "our side should have failed\n" + String.join("\n", d.log));
        assertEquals(reason, d.ourFailure.reason(), d.ourFailure.getMessage());
        assertTrue(d.ourFailure.alertToSend().length > 0, "an alert to send");
    }

    /**
     * SunJSSE reports a received fatal alert as "Received fatal alert: <name>" (JDK 17); newer JDKs put
     * "(<name>) " in front.
     */
    private static void assertEngineReceived(SslEngineDriver d, AlertDescription alert) {
        assertNotNull(d.engineFailure, "SunJSSE should have failed\n" + String.join("\n", d.log));
        assertInstanceOf(SSLHandshakeException.class, d.engineFailure, d.engineFailure.toString());
        assertTrue(d.engineFailure.getMessage().endsWith("Received fatal alert: " + alert.rfcName()),
                d.engineFailure.getMessage());
    }

    private static void assertWeReceived(SslEngineDriver d, AlertDescription alert) {
        assertNotNull(d.ourFailure, "our side should have failed\n" + String.join("\n", d.log));
        assertEquals(Reason.PEER_ALERT, d.ourFailure.reason(), d.ourFailure.getMessage());
        assertEquals(alert, d.ourFailure.peerAlert());
    }

    /** The JDK's PKIX trust manager says "PKIX path building failed": that is unknown_ca. */
    @Test
    void ourClientRefusesAnUntrustedServerCertificate() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .clientTrusts(TestPki.ca(KeyType.EC_P256).root()).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.UNKNOWN_CA);
            assertEngineReceived(d, AlertDescription.UNKNOWN_CA);
        }
    }

    @Test
    void ourClientRefusesAHostNameMismatch() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).serverName("wrong.example").build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.CERTIFICATE_UNKNOWN);
            assertEngineReceived(d, AlertDescription.CERTIFICATE_UNKNOWN);
        }
    }

    /** SunJSSE sends certificate_unknown for any chain its trust manager refuses. */
    @Test
    void sunJsseClientRefusesOurUntrustedServerCertificate() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .clientTrusts(TestPki.ca(KeyType.EC_P256).root()).build()) {
            d.tryHandshake();
            assertNotNull(d.engineFailure);
            assertInstanceOf(SSLHandshakeException.class, d.engineFailure);
            assertWeReceived(d, AlertDescription.CERTIFICATE_UNKNOWN);
        }
    }

    @Test
    void sunJsseClientRefusesOurCertificateForAnotherHost() throws Exception {
        TestPki pki = TestPki.ca(KeyType.EC_P256);
        try (SslEngineDriver d = new Setup(Direction.OUR_SERVER, pki.issue(KeyType.EC_P256, "other.example")).build()) {
            d.tryHandshake();
            assertNotNull(d.engineFailure);
            assertTrue(d.engineFailure.getMessage().contains(SunJsseEngines.HOST), d.engineFailure.getMessage());
            assertWeReceived(d, AlertDescription.CERTIFICATE_UNKNOWN);
        }
    }

    /**
     * Our server insists on a certificate; SunJSSE's client has none and sends an empty Certificate. We fail
     * with certificate_required (RFC 8446 §4.4.2.4); SunJSSE learns it from the alert in alertToSend().
     */
    @Test
    void ourServerRequiresACertificateSunJsseClientLacks() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .ours(b -> b.clientAuth(ClientAuth.REQUIRED)).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.CERTIFICATE_REQUIRED);
            assertNotNull(d.engineFailure, "SunJSSE should have seen the alert\n" + String.join("\n", d.log));
            assertTrue(d.engineFailure.getMessage().endsWith("certificate_required"), d.engineFailure.getMessage());
        }
    }

    /**
     * SunJSSE's server needs a certificate; ours has none, answers INCOMPLETE_CREDENTIALS and goes on without.
     * Our client has already finished when SunJSSE's alert arrives, so decrypt reports it. SunJSSE 17 sends
     * bad_certificate for the empty chain, not RFC 8446's certificate_required; newer JDKs may differ.
     */
    @Test
    void sunJsseServerNeedsACertificateOurClientLacks() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .engine(e -> e.setNeedClientAuth(true)).build()) {
            d.tryHandshake();
            assertTrue(d.ourStatuses.contains(Status.INCOMPLETE_CREDENTIALS), d.ourStatuses.toString());
            assertNotNull(d.engineFailure);
            SecurityContextException e = d.ourFailure != null ? d.ourFailure
                    : assertThrows(SecurityContextException.class, d::oursReceive);
            assertEquals(Reason.PEER_ALERT, e.reason());
            assertTrue(e.peerAlert() == AlertDescription.BAD_CERTIFICATE
                    || e.peerAlert() == AlertDescription.CERTIFICATE_REQUIRED, e.getMessage());
            assertTrue(d.engineFailure.getMessage().endsWith("Empty client certificate chain"), d.engineFailure.getMessage());
        }
    }

    /**
     * SunJSSE's server names its trust anchors in certificate_authorities; our only client certificate is
     * from another CA, so our client reports INCOMPLETE_CREDENTIALS (with SunJSSE's anchor among the
     * acceptable issuers), goes on without a certificate, and SunJSSE refuses the empty chain: with
     * bad_certificate on JDK 17, with RFC 8446's certificate_required on newer JDKs (seen on 25).
     */
    @Test
    void ourClientWithholdsACertificateSunJsseServerWouldNotTrust() throws Exception {
        TestPki.Issued alice = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, o -> o.subject("CN=alice"));
        TestPki otherCa = TestPki.ca(KeyType.EC_P256);
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).clientIdentity(alice)
                .serverTrusts(otherCa.root())
                .engine(e -> e.setNeedClientAuth(true)).build()) {
            d.tryHandshake();
            assertTrue(d.ourStatuses.contains(Status.INCOMPLETE_CREDENTIALS), d.ourStatuses.toString());
            assertTrue(d.ours.acceptableIssuers().contains(otherCa.root().getSubjectX500Principal()),
                    d.ours.acceptableIssuers().toString());
            assertNotNull(d.engineFailure);
            assertTrue(d.engineFailure.getMessage().endsWith("Empty client certificate chain"), d.engineFailure.getMessage());
            SecurityContextException e = d.ourFailure != null ? d.ourFailure
                    : assertThrows(SecurityContextException.class, d::oursReceive);
            assertEquals(Reason.PEER_ALERT, e.reason());
            assertTrue(e.peerAlert() == AlertDescription.BAD_CERTIFICATE
                    || e.peerAlert() == AlertDescription.CERTIFICATE_REQUIRED, e.getMessage());
        }
    }

    /**
     * An expired client certificate from a CA SunJSSE trusts: our client sends it (the issuer matches) and
     * SunJSSE refuses it with certificate_unknown, its alert for any client chain it refuses (JDK 17 and 25).
     */
    @Test
    void sunJsseServerRefusesOurExpiredClientCertificate() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        TestPki.Issued alice = ca.issue(KeyType.EC_P256, o -> o.subject("CN=alice").expiredDaysAgo(2));
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).clientIdentity(alice)
                .engine(e -> e.setNeedClientAuth(true)).build()) {
            d.tryHandshake();
            assertNotNull(d.engineFailure);
            SecurityContextException e = d.ourFailure != null ? d.ourFailure
                    : assertThrows(SecurityContextException.class, d::oursReceive);
            assertEquals(Reason.PEER_ALERT, e.reason());
            assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, e.peerAlert(), e.getMessage());
            assertTrue(d.engineFailure.getMessage().contains("PKIX path validation failed"), d.engineFailure.getMessage());
        }
    }

    /** Our server refuses SunJSSE's expired client certificate with certificate_expired. */
    @Test
    void ourServerRefusesAnExpiredSunJsseClientCertificate() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        TestPki.Issued alice = ca.issue(KeyType.EC_P256, o -> o.subject("CN=alice").expiredDaysAgo(2));
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).clientIdentity(alice)
                .ours(b -> b.clientAuth(ClientAuth.REQUIRED)).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.CERTIFICATE_EXPIRED);
            assertEngineReceived(d, AlertDescription.CERTIFICATE_EXPIRED);
        }
    }

    /** Our client refuses SunJSSE's expired server certificate with certificate_expired. */
    @Test
    void ourClientRefusesAnExpiredServerCertificate() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        TestPki.Issued old = ca.issue(KeyType.EC_P256, o -> o.dnsNames(SunJsseEngines.HOST).expiredDaysAgo(2));
        try (SslEngineDriver d = new Setup(Direction.OUR_CLIENT, old).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.CERTIFICATE_EXPIRED);
            assertEngineReceived(d, AlertDescription.CERTIFICATE_EXPIRED);
        }
    }

    /**
     * Our server names its trust anchors in certificate_authorities; SunJSSE's key manager honours that and,
     * finding no matching certificate, sends an empty chain: we fail with certificate_required.
     */
    @Test
    void sunJsseClientOffersNoCertificateOurServerWouldNotTrust() throws Exception {
        TestPki.Issued alice = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, o -> o.subject("CN=alice"));
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).clientIdentity(alice)
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .ours(b -> b.clientAuth(ClientAuth.REQUIRED)).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.CERTIFICATE_REQUIRED);
            assertNotNull(d.engineFailure);
            assertTrue(d.engineFailure.getMessage().endsWith("certificate_required"), d.engineFailure.getMessage());
        }
    }

    /** Our server does not trust SunJSSE's client certificate (offered regardless): unknown_ca, and SunJSSE hears it. */
    @Test
    void ourServerRefusesAnUntrustedSunJsseClientCertificate() throws Exception {
        TestPki.Issued alice = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, o -> o.subject("CN=alice"));
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).clientIdentity(alice)
                .engineIgnoresIssuers()
                .serverTrusts(TestPki.ca(KeyType.EC_P256).root())
                .ours(b -> b.clientAuth(ClientAuth.REQUIRED)).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.UNKNOWN_CA);
            assertNotNull(d.engineFailure);
            assertTrue(d.engineFailure.getMessage().endsWith("unknown_ca"), d.engineFailure.getMessage());
        }
    }

    /** No common ALPN protocol: the server refuses with no_application_protocol (RFC 7301 §3.2). */
    @Test
    void noCommonAlpnProtocolWithSunJsseServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .ours(b -> b.applicationProtocols("spdy/3"))
                .engine(e -> SunJsseEngines.alpn(e, "h2")).build()) {
            d.tryHandshake();
            assertNotNull(d.engineFailure);
            assertWeReceived(d, AlertDescription.NO_APPLICATION_PROTOCOL);
        }
    }

    @Test
    void noCommonAlpnProtocolWithOurServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .ours(b -> b.applicationProtocols("spdy/3"))
                .engine(e -> SunJsseEngines.alpn(e, "h2")).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.NO_APPLICATION_PROTOCOL);
            assertEngineReceived(d, AlertDescription.NO_APPLICATION_PROTOCOL);
        }
    }

    /** No common cipher suite: SunJSSE's server refuses with handshake_failure. */
    @Test
    void noCommonSuiteWithSunJsseServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256)
                .ours(b -> b.cipherSuites(org.securechannel.codec.CipherSuite.TLS_AES_128_GCM_SHA256))
                .engine(e -> SunJsseEngines.suites(e, "TLS_AES_256_GCM_SHA384")).build()) {
            d.tryHandshake();
            assertNotNull(d.engineFailure);
            assertWeReceived(d, AlertDescription.HANDSHAKE_FAILURE);
        }
    }

    @Test
    void noCommonSuiteWithOurServer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .ours(b -> b.cipherSuites(org.securechannel.codec.CipherSuite.TLS_AES_128_GCM_SHA256))
                .engine(e -> SunJsseEngines.suites(e, "TLS_AES_256_GCM_SHA384")).build()) {
            d.tryHandshake();
            assertOurFailure(d, Reason.HANDSHAKE_FAILURE);
            assertEngineReceived(d, AlertDescription.HANDSHAKE_FAILURE);
        }
    }
}
