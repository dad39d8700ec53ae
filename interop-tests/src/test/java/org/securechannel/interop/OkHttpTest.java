package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * OkHttp 5 and OkHttp 4 over HTTPS, client on SecureChannel (OkHttp's {@code sslSocketFactory(factory,
 * trustManager)}) against Jetty on SecureChannel ({@link FrameworkServer}), HTTP/1.1 and HTTP/2 by ALPN. OkHttp
 * 5.5 is on the test class path and runs here; OkHttp 4.12 (with the okio and Kotlin it was released with,
 * copied to target/okhttp4 by the build) runs the same {@link OkHttpProbe} in a child JVM whose class path has
 * no OkHttp 5: two versions of one artifact cannot share a class path. Proof it was ours: the socket and session
 * OkHttp's connection used are SecureChannel's, and so are the server's engine and session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OkHttpTest {
    static final String SESSION = "org.securechannel.jsse.SecureChannelSession";
    static final String SOCKET = "org.securechannel.jsse.SecureChannelSocket";
    static final String ENGINE = "org.securechannel.jsse.SecureChannelEngine";

    @TempDir
    static Path dir;
    private static TestPki ca;
    private static FrameworkServer server;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        server = new FrameworkServer(serverContext(ca.issue(TestPki.KeyType.EC_P256, FrameworkServer.HOST)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static SSLContext serverContext(TestPki.Issued identity) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new SecureChannelProvider());
        context.init(EngineLoop.keyManagers("PKIX", identity), null, null);
        return context;
    }

    @ParameterizedTest(name = "http2={0}")
    @ValueSource(booleans = {false, true})
    void okHttp5(boolean http2) throws Exception {
        X509TrustManager trust = (X509TrustManager) EngineLoop.trustManagers(ca.root())[0];
        SSLContext client = SSLContext.getInstance("TLS", new SecureChannelProvider());
        client.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        String path = http2 ? "/h2" : "/h1";
        Map<String, String> got = OkHttpProbe.get(client, trust, server.url(path), http2);
        assertTrue(got.get("version").startsWith("5."), got.toString());
        checkExchange(got::get, path, http2, got.toString());
    }

    /**
     * A second client on the same SSLContext resumes the first one's TLS 1.3 session. Jetty's SNI host check reads
     * the server session's local certificate on every request, so a resumed session must still report the chain
     * its original handshake presented (as SunJSSE's does): without it Jetty answers 400 "Invalid SNI".
     */
    @Test
    void okHttp5ResumedConnection() throws Exception {
        X509TrustManager trust = (X509TrustManager) EngineLoop.trustManagers(ca.root())[0];
        SSLContext client = SSLContext.getInstance("TLS", new SecureChannelProvider());
        client.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        for (String path : List.of("/first", "/resumed")) {
            Map<String, String> got = OkHttpProbe.get(client, trust, server.url(path), true);
            checkExchange(got::get, path, true, got.toString());
        }
    }

    @Test
    void okHttp4InAChildJvm() throws Exception {
        Path okhttp4 = Path.of(ChildJvm.codeSource(OkHttpProbe.class)).getParent().resolve("okhttp4");
        List<String> classPath = new ArrayList<>(List.of(ChildJvm.codeSource(OkHttpProbe.class), ChildJvm.codeSource(SecureChannelProvider.class)));
        try (Stream<Path> jars = Files.list(okhttp4)) {
            jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> classPath.add(p.toString()));
        }
        assertTrue(classPath.stream().anyMatch(p -> p.endsWith("okhttp-4.12.0.jar")), "the build copies OkHttp 4.12 to " + okhttp4);
        ChildJvm.Result child = ChildJvm.run(dir, List.of(), ChildJvm.classPath(classPath), OkHttpProbe.class,
                "https://" + FrameworkServer.HOST + ":" + server.port(), ChildJvm.pkcs12(dir.resolve("okhttp-trust.p12"), ks -> ks.setCertificateEntry("root", ca.root())).toString(), "changeit");
        String out = child.output();
        assertEquals(0, child.exit(), out);
        assertEquals("true", child.get("done"), out);
        for (boolean http2 : new boolean[] {false, true}) {
            String prefix = http2 ? "h2." : "h1.";
            assertEquals("4.12.0", child.get(prefix + "version"), out);
            checkExchange(key -> child.get(prefix + key), http2 ? "/h2" : "/h1", http2, out);
        }
    }

    private interface Values {
        String get(String key);
    }

    private static void checkExchange(Values got, String path, boolean http2, String context) {
        assertEquals("200", got.get("code"), context);
        assertEquals(http2 ? "h2" : "http/1.1", got.get("protocol"), context);
        assertEquals("hello " + path + " over " + (http2 ? "HTTP/2.0" : "HTTP/1.1") + " session " + SESSION, got.get("body"), context);
        assertEquals("TLSv1.3", got.get("tlsVersion"), context);
        assertEquals(SOCKET, got.get("socket"), context);
        assertEquals(SESSION, got.get("session"), context);
        assertTrue(server.connectionEngines().stream().allMatch(e -> e.getClass().getName().equals(ENGINE)), server.connectionEngines().toString());
        assertTrue(server.connectionEngines().stream().anyMatch(e -> (http2 ? "h2" : "http/1.1").equals(e.getApplicationProtocol())),
                "no server connection negotiated " + (http2 ? "h2" : "http/1.1"));
    }
}
