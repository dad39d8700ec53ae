package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * Tomcat 11 embedded, HTTPS with HTTP/2, in a child JVM configured only by a java.security file listing
 * SecureChannel first ({@link TomcatApp}); the JDK's HttpClient and HttpsURLConnection are the clients there, on the
 * same unchanged configuration. Proof it was ours: Tomcat's JSSE implementation saw SecureChannel sessions, the
 * clients' sessions belong to SecureChannel's session context (and HttpsURLConnection's is a SecureChannel
 * session); and Tomcat's startup logged no warning: none about protocols or ciphers it skipped, since TLS 1.2 and
 * 1.3 are both ours.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TomcatTest {
    private static final String SESSION_CONTEXT = "org.securechannel.jsse.SessionContext";

    @Test
    void tomcatHttpsAndHttp2UnderJavaSecurity(@TempDir Path dir) throws Exception {
        ChildJvm.Result child = runTomcat(dir, "TLSv1.2+TLSv1.3", "serve");
        String out = child.output();
        assertEquals(0, child.exit(), out);
        assertEquals("true", child.get("done"), out);
        assertEquals("SecureChannel", child.get("default.provider"), out);
        assertEquals("0", child.get("tomcat.tlsWarnings"), out);
        assertTrue(List.of(child.get("tomcat.protocols").split(",")).containsAll(List.of("TLSv1.2", "TLSv1.3")), out);
        assertTrue(child.get("tomcat.ciphers").contains("TLS_AES_128_GCM_SHA256"), out);
        assertEquals(OkHttpTest.SESSION, child.get("tomcat.sessions"), out);

        assertEquals("200", child.get("h2.status"), out);
        assertEquals("HTTP_2", child.get("h2.version"), out);
        assertTrue(child.get("h2.body").startsWith("hello /h2 over HTTP/2.0 with TLS_"), out);
        assertEquals("SecureChannel", child.get("h2.clientProvider"), out);
        assertEquals(SESSION_CONTEXT, child.get("h2.sessionContext"), out);
        assertEquals("200", child.get("h1.status"), out);
        assertEquals("HTTP_1_1", child.get("h1.version"), out);
        assertTrue(child.get("h1.body").startsWith("hello /h1 over HTTP/1.1 with TLS_"), out);
        assertEquals(SESSION_CONTEXT, child.get("h1.sessionContext"), out);
        assertTrue(child.get("url.body").startsWith("hello /url over HTTP/1.1 with TLS_"), out);
        assertEquals("org.securechannel.jsse.SecureChannelSocketFactory", child.get("url.factory"), out);
        assertEquals(OkHttpTest.SESSION, child.get("url.session"), out);
    }

    /**
     * The control for the "no warning" above: asked for TLS 1.1, which SecureChannel refuses, Tomcat does warn
     * that it skipped it (so the capture does see Tomcat's warnings), and keeps TLS 1.2 and 1.3.
     */
    @Test
    void tomcatWarnsAboutAProtocolWeRefuse(@TempDir Path dir) throws Exception {
        ChildJvm.Result child = runTomcat(dir, "TLSv1.1+TLSv1.2+TLSv1.3", "start-only");
        String out = child.output();
        assertEquals(0, child.exit(), out);
        assertEquals("1", child.get("tomcat.tlsWarnings"), out);
        assertTrue(child.get("tomcat.tlsWarning.0").contains("skipped: [[TLSv1.1]]"), out);
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), List.of(child.get("tomcat.protocols").split(",")).stream().sorted().toList(), out);
    }

    private static ChildJvm.Result runTomcat(Path dir, String protocols, String mode) throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        TestPki.Issued id = ca.issue(TestPki.KeyType.EC_P256, "localhost");
        Path keys = dir.resolve("tomcat.p12");
        Path trust = dir.resolve("trust.p12");
        ChildJvm.pkcs12(keys, ks -> ks.setKeyEntry("tomcat", id.key(), "changeit".toCharArray(), id.chain().toArray(new X509Certificate[0])));
        ChildJvm.pkcs12(trust, ks -> ks.setCertificateEntry("root", ca.root()));

        String classPath = ChildJvm.classPath(List.of(ChildJvm.codeSource(TomcatApp.class), ChildJvm.codeSource(SecureChannelProvider.class),
                ChildJvm.codeSource(org.apache.catalina.startup.Tomcat.class), ChildJvm.codeSource(jakarta.annotation.PostConstruct.class)));
        return ChildJvm.run(dir, List.of("-Djava.security.properties=" + ChildJvm.securityFile(dir, "SecureChannel"),
                        "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit"),
                classPath, TomcatApp.class, keys.toString(), dir.resolve("tomcat").toString(), protocols, mode);
    }
}
