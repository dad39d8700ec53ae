package org.securechannel.interop;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * A Jetty 12 server with HTTP/2 over TLS (ALPN "h2", "http/1.1" through jetty-alpn-java-server, which
 * installs an SSLEngine handshake application protocol selector) and the JDK's HttpClient asking for
 * HTTP/2. Jetty builds its SSLContext by provider name from a key store, so its SNI-aware key manager and
 * its SNIMatcher run against our engine; the client is SunJSSE or SecureChannel. Jetty's JDK ALPN processor
 * only takes SunJSSE's engines, so ours come with {@link org.securechannel.jetty.SecureChannelAlpnProcessor}.
 */
class JettyHttp2Test {
    private static final String PROVIDER = "SecureChannel";
    private static final String HOST = "localhost";
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestPki ca;
    private static TestPki.Issued serverId;
    private static boolean registeredHere;

    record Pair(String name, String clientProvider, String serverProvider) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(new Pair("SunJSSE HttpClient, SecureChannel Jetty", "SunJSSE", PROVIDER),
                new Pair("SecureChannel HttpClient, SunJSSE Jetty", PROVIDER, "SunJSSE"),
                new Pair("SecureChannel on both sides", PROVIDER, PROVIDER));
    }

    @BeforeAll
    static void setUp() {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
        // Jetty names its provider (SslContextFactory.setProvider): it must be registered, last, so nothing
        // else in this JVM picks it by default.
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new SecureChannelProvider());
            registeredHere = true;
        }
    }

    @AfterAll
    static void tearDown() {
        if (registeredHere) {
            Security.removeProvider(PROVIDER);
        }
    }

    /** Records the engines Jetty creates, to show whose engine did the handshake. */
    private static final class RecordingSslContextFactory extends SslContextFactory.Server {
        final List<SSLEngine> engines = new CopyOnWriteArrayList<>();

        @Override
        public void customize(SSLEngine engine) {
            super.customize(engine);
            engines.add(engine);
        }
    }

    private static Server jetty(RecordingSslContextFactory ssl) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverId.key(), PASSWORD, serverId.chain().toArray(new X509Certificate[0]));
        ssl.setKeyStore(ks);
        ssl.setKeyStorePassword(new String(PASSWORD));

        Server server = new Server();
        FrameworkServer.addH2AndHttp11Connector(server, ssl, HOST);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                String body = "hello " + request.getHttpURI().getPath() + " over " + request.getConnectionMetaData().getProtocol();
                Content.Sink.write(response, true, body, callback);
                return true;
            }
        });
        return server;
    }

    private static SSLContext clientContext(String provider, List<SSLEngine> clientEngines) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        X509ExtendedTrustManager pkix = (X509ExtendedTrustManager) EngineLoop.trustManagers(ca.root())[0];
        ctx.init(null, new TrustManager[] {new RecordingTrustManager(pkix, clientEngines)}, null);
        return ctx;
    }

    /**
     * HttpClient hides its engine and wraps the session; the engine its provider hands the trust manager
     * (X509ExtendedTrustManager.checkServerTrusted with the engine) shows whose handshake it was.
     */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final List<SSLEngine> engines;

        RecordingTrustManager(X509ExtendedTrustManager delegate, List<SSLEngine> engines) {
            this.delegate = delegate;
            this.engines = engines;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            engines.add(engine);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void http2OverTls(Pair pair) throws Exception {
        RecordingSslContextFactory ssl = new RecordingSslContextFactory();
        ssl.setProvider(pair.serverProvider());
        Server server = jetty(ssl);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            List<SSLEngine> clientEngines = new CopyOnWriteArrayList<>();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).executor(executor)
                    .sslContext(clientContext(pair.clientProvider(), clientEngines)).connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : List.of("/one", "/two")) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://" + HOST + ":" + port + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, response.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, response.version());
                assertEquals("hello " + path + " over HTTP/2.0", response.body());
                SSLSession session = response.sslSession().orElseThrow();
                assertEquals("TLSv1.3", session.getProtocol());
                assertEquals(serverId.leaf(), session.getPeerCertificates()[0]);
            }
            assertEquals(1, clientEngines.size(), clientEngines.toString());
            assertEquals(PROVIDER.equals(pair.clientProvider()), clientEngines.get(0).getClass().getName().startsWith("org.securechannel."),
                    clientEngines.get(0).getClass().getName());
            // One HTTP/2 connection carried both requests; its engine is the server provider's. (Jetty also
            // creates engines without a peer at start, to learn the suites and protocols.)
            List<SSLEngine> connections = ssl.engines.stream().filter(e -> e.getPeerPort() > 0).toList();
            assertEquals(1, connections.size(), ssl.engines.toString());
            SSLEngine engine = connections.get(0);
            assertEquals(PROVIDER.equals(pair.serverProvider()), engine.getClass().getName().startsWith("org.securechannel."),
                    engine.getClass().getName());
            assertEquals("h2", engine.getApplicationProtocol());
            assertFalse(engine.getSession().getCipherSuite().startsWith("SSL_NULL"));
            assertTrue(engine.getSSLParameters().getSNIMatchers() != null
                    && !engine.getSSLParameters().getSNIMatchers().isEmpty(), "Jetty set its SNI matcher");
        } finally {
            server.stop();
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * curl (libcurl with nghttp2, as a person would try it) with {@code --http2} against Jetty on SecureChannel: the
     * shipped securechannel-jetty artifact on the class path is all it takes. CI installs curl; elsewhere the test
     * is skipped without it.
     */
    @Test
    void curlHttp2AgainstJettyOnSecureChannel(@TempDir Path dir) throws Exception {
        String version = curlVersion();
        if (version == null || !version.contains("HTTP2")) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("curl with HTTP/2 is missing in CI: .ci/run must install it");
            }
            Assumptions.abort("curl with HTTP/2 (nghttp2) is not installed here");
        }
        RecordingSslContextFactory ssl = new RecordingSslContextFactory();
        ssl.setProvider(PROVIDER);
        Server server = jetty(ssl);
        try {
            server.start();
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            Path caFile = TestPki.writePem(dir, "ca.pem", TestPki.pem(ca.root()));
            Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--max-time", "20", "--cacert", caFile.toString(),
                    "-w", "\\nversion %{http_version}", "https://" + HOST + ":" + port + "/curl").redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
            assertEquals(0, curl.exitValue(), out);
            assertTrue(out.startsWith("hello /curl over HTTP/2.0"), out);
            assertTrue(out.endsWith("version 2"), out);
            SSLEngine engine = ssl.engines.stream().filter(e -> e.getPeerPort() > 0).findFirst().orElseThrow();
            assertTrue(engine.getClass().getName().startsWith("org.securechannel."), engine.getClass().getName());
            assertEquals("h2", engine.getApplicationProtocol());
        } finally {
            server.stop();
        }
    }

    /** curl's "Features:" line, or null without curl. */
    private static String curlVersion() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
                    ? out.lines().filter(l -> l.startsWith("Features:")).findFirst().orElse("") : null;
        } catch (java.io.IOException | InterruptedException e) {
            return null;
        }
    }
}
