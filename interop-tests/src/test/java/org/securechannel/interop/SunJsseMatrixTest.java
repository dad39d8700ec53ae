package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.ExtendedSSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import java.util.stream.Stream;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki.KeyType;

/** Every suite, group and server key type against SunJSSE, with SecureChannel as client and as server. */
class SunJsseMatrixTest {

    static Stream<Arguments> directionsAndSuites() {
        return Stream.of(Direction.values()).flatMap(d -> Stream.of(CipherSuite.values()).filter(s -> s.version() == org.securechannel.codec.ProtocolVersion.TLS13).map(s -> Arguments.of(d, s)));
    }

    static Stream<Arguments> directionsAndGroups() {
        return Stream.of(Direction.values()).flatMap(d -> Stream.of(NamedGroup.values()).map(g -> Arguments.of(d, g)));
    }

    static Stream<Arguments> directionsAndKeyTypes() {
        // Ed25519 certificates: SunJSSE has supported the ed25519 scheme in TLS 1.3 since JDK 15 (JDK-8166596),
        // so no combination needs skipping on the JDK 17 baseline.
        return Stream.of(Direction.values()).flatMap(d -> Stream.of(KeyType.values()).map(k -> Arguments.of(d, k)));
    }

    /** The suite is forced on SunJSSE's side only; our side must pick or accept it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directionsAndSuites")
    void eachSuite(Direction direction, CipherSuite suite) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256)
                .engine(e -> SunJsseEngines.suites(e, suite.jsseName())).build()) {
            d.handshake();
            SunJsseBasicTest.assertAgree(d);
            assertEquals(suite, d.ours.connectionInfo().cipherSuite());
            roundTrip(d);
        }
    }

    /** The suite is forced on our side only. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directionsAndSuites")
    void eachSuiteForcedByUs(Direction direction, CipherSuite suite) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).ours(b -> b.cipherSuites(suite)).build()) {
            d.handshake();
            SunJsseBasicTest.assertAgree(d);
            assertEquals(suite.jsseName(), d.engine.getSession().getCipherSuite());
            roundTrip(d);
        }
    }

    /**
     * The group is forced on our side (JDK 17 cannot set SunJSSE's groups per engine); SunJSSE does not
     * report the group it used, so our connectionInfo() is the witness.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directionsAndGroups")
    void eachGroup(Direction direction, NamedGroup group) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SunJsseGroups.has(group), () -> SunJsseGroups.why(group));
        SunJsseFfdheDefect.run(group, () -> {
            try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).ours(b -> b.groups(group)).build()) {
                d.handshake();
                SunJsseBasicTest.assertAgree(d);
                assertEquals(group, d.ours.connectionInfo().group());
                roundTrip(d);
            }
        });
    }

    /** The group is forced on SunJSSE's side through its algorithm constraints; ours offers all three. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directionsAndGroups")
    void eachGroupForcedBySunJsse(Direction direction, NamedGroup group) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SunJsseGroups.has(group), () -> SunJsseGroups.why(group));
        // An RSA server certificate: SunJSSE's constraints also veto the ECDSA schemes of groups they refuse.
        SunJsseFfdheDefect.run(group, () -> {
            try (SslEngineDriver d = Setup.of(direction, KeyType.RSA_2048)
                    .engine(e -> SunJsseEngines.onlyGroups(e, group)).build()) {
                d.handshake();
                assertEquals(group, d.ours.connectionInfo().group());
                roundTrip(d);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("directionsAndKeyTypes")
    void eachServerKeyType(Direction direction, KeyType type) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, type).build()) {
            d.handshake();
            SunJsseBasicTest.assertAgree(d);
            ConnectionInfo info = d.ours.connectionInfo();
            assertEquals(expectedScheme(type), info.signatureScheme());
            X509Certificate leaf = direction == Direction.OUR_CLIENT ? d.ours.peerCertificates().get(0)
                    : (X509Certificate) d.engine.getSession().getPeerCertificates()[0];
            assertEquals(type == KeyType.RSA_PSS_2048 ? "RSASSA-PSS" : expectedKeyAlgorithm(type),
                    leaf.getPublicKey().getAlgorithm());
            if (direction == Direction.OUR_SERVER) {
                assertEquals(1, ((ExtendedSSLSession) d.engine.getSession()).getRequestedServerNames().size());
            }
            roundTrip(d);
        }
    }

    private static String expectedKeyAlgorithm(KeyType type) {
        switch (type) {
            case EC_P256:
            case EC_P384:
                return "EC";
            case RSA_2048:
                return "RSA";
            case ED25519:
                return "EdDSA";
            default:
                throw new IllegalArgumentException(type.name());
        }
    }

    /** What the server signs its CertificateVerify with, given both stacks' preference orders. */
    private static SignatureScheme expectedScheme(KeyType type) {
        switch (type) {
            case EC_P256: return SignatureScheme.ECDSA_SECP256R1_SHA256;
            case EC_P384: return SignatureScheme.ECDSA_SECP384R1_SHA384;
            case RSA_2048: return SignatureScheme.RSA_PSS_RSAE_SHA256;
            case RSA_PSS_2048: return SignatureScheme.RSA_PSS_PSS_SHA256;
            case ED25519: return SignatureScheme.ED25519;
            default: throw new IllegalArgumentException(type.name());
        }
    }

    static void roundTrip(SslEngineDriver d) throws Exception {
        byte[] a = "from SecureChannel".getBytes(StandardCharsets.UTF_8);
        byte[] b = "from SunJSSE".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(a, d.oursToEngine(a));
        assertArrayEquals(b, d.engineToOurs(b));
    }
}
