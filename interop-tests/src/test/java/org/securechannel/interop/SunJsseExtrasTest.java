package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** Key managers on our side, more client key types, and the RFC 8446 §7.5 exporter checked against SunJSSE. */
class SunJsseExtrasTest {

    /**
     * Our server takes its identity from the JDK's PKIX key manager (alias chosen by key type through
     * chooseServerAlias), for every key type, and SunJSSE's client verifies it.
     */
    @ParameterizedTest
    @EnumSource(KeyType.class)
    void ourServerWithJdkKeyManager(KeyType preferred) throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "pw".toCharArray();
        TestPki.Issued only = ca.issue(preferred, SunJsseEngines.HOST);
        ks.setKeyEntry("id", only.key(), pw, only.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        X509KeyManager km = (X509KeyManager) kmf.getKeyManagers()[0];
        SecurityContext server = SecurityContext.server(Credentials.server().keyManager(km).build());
        try (SslEngineDriver d = new SslEngineDriver(server,
                SunJsseEngines.client(SunJsseEngines.context(null, ca.root())))) {
            d.handshake();
            SunJsseBasicTest.assertAgree(d);
            assertEquals(only.leaf(), d.engine.getSession().getPeerCertificates()[0]);
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P384", "RSA_PSS_2048"})
    void moreClientKeyTypesBothWays(KeyType type) throws Exception {
        TestPki.Issued alice = TestPki.ca(type).issue(type, o -> o.subject("CN=alice"));
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).clientIdentity(alice)
                .engine(e -> e.setNeedClientAuth(true)).build()) {
            d.handshake();
            assertEquals(alice.leaf(), d.engine.getSession().getPeerCertificates()[0]);
            SignatureScheme s = d.ours.connectionInfo().clientSignatureScheme();
            assertEquals(type == KeyType.EC_P384 ? SignatureScheme.ECDSA_SECP384R1_SHA384
                    : SignatureScheme.RSA_PSS_PSS_SHA256, s);
        }
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).clientIdentity(alice)
                .ours(b -> b.clientAuth(Credentials.ClientAuth.REQUIRED)).build()) {
            d.handshake();
            assertEquals(alice.leaf(), d.ours.peerCertificates().get(0));
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /**
     * JDK 25 added ExtendedSSLSession.exportKeyingMaterialData (RFC 8446 §7.5 / RFC 5705); where it exists,
     * both stacks must derive the same bytes. Called reflectively so this compiles for JDK 17, where it is skipped.
     */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void exporterMatchesSunJsse(Direction direction) throws Exception {
        Method export;
        try {
            export = javax.net.ssl.ExtendedSSLSession.class.getMethod("exportKeyingMaterialData",
                    String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("this JDK's SunJSSE has no exporter API (JDK 25+)");
            return;
        }
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256)
                .engine(e -> SunJsseEngines.suites(e, "TLS_AES_256_GCM_SHA384")).build()) {
            d.handshake();
            SSLSession s = d.engine.getSession();
            byte[] context = "ctx".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals((byte[]) export.invoke(s, "EXPERIMENTAL-interop", context, 48),
                    d.ours.exportKeyingMaterial("EXPERIMENTAL-interop", context, 48));
            assertArrayEquals((byte[]) export.invoke(s, "EXPERIMENTAL-empty", new byte[0], 32),
                    d.ours.exportKeyingMaterial("EXPERIMENTAL-empty", new byte[0], 32));
            assertArrayEquals((byte[]) export.invoke(s, "EXPERIMENTAL-none", null, 32),
                    d.ours.exportKeyingMaterial("EXPERIMENTAL-none", null, 32));
        }
    }
}
