package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.SecureChannelProvider;
import org.securechannel.jsse.EngineLoop;
import org.securechannel.testing.TestPki;

/**
 * Apache HttpClient 5.6 with a SecureChannel SSLContext ({@code DefaultClientTlsStrategy}) against Jetty on
 * SecureChannel ({@link FrameworkServer}): the classic client over our SSLSocket (HTTP/1.1), and the async client
 * over our SSLEngine, negotiating HTTP/2 by ALPN (version policy NEGOTIATE: h2 must win on its own). Proof it was
 * ours: the SSLSession HttpClient's context holds is SecureChannel's on the client, the body names the server's.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApacheHttpClient5Test {
    private static TestPki ca;
    private static FrameworkServer server;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        server = new FrameworkServer(OkHttpTest.serverContext(ca.issue(TestPki.KeyType.EC_P256, FrameworkServer.HOST)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static SSLContext clientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new SecureChannelProvider());
        context.init(null, EngineLoop.trustManagers(ca.root()), null);
        return context;
    }

    @Test
    void classicHttp11OverOurSocket() throws Exception {
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(clientContext())).build())
                .build()) {
            HttpClientContext context = HttpClientContext.create();
            String body = client.execute(new HttpGet(server.url("/classic")), context, response -> {
                assertEquals(200, response.getCode());
                assertEquals(HttpVersion.HTTP_1_1, response.getVersion());
                return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            });
            assertEquals("hello /classic over HTTP/1.1 session " + OkHttpTest.SESSION, body);
            checkClientSession(context.getSSLSession());
        }
        // The classic client offers no ALPN; Jetty falls back to its default, HTTP/1.1, on our engine.
        assertTrue(server.connectionEngines().stream().anyMatch(e -> "".equals(e.getApplicationProtocol())));
        assertTrue(server.connectionEngines().stream().allMatch(e -> e.getClass().getName().equals(OkHttpTest.ENGINE)));
    }

    @Test
    void asyncHttp2ByAlpnOverOurEngine() throws Exception {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setTlsStrategy(new DefaultClientTlsStrategy(clientContext()))
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                        .build())
                .build();
        try {
            client.start();
            for (String path : new String[] {"/async-one", "/async-two"}) {
                HttpClientContext context = HttpClientContext.create();
                Future<SimpleHttpResponse> future = client.execute(SimpleRequestBuilder.get(server.url(path)).build(), context, null);
                SimpleHttpResponse response = future.get(20, TimeUnit.SECONDS);
                assertEquals(200, response.getCode());
                assertEquals(HttpVersion.HTTP_2, response.getVersion());
                assertEquals("hello " + path + " over HTTP/2.0 session " + OkHttpTest.SESSION, response.getBodyText());
                checkClientSession(context.getSSLSession());
            }
        } finally {
            client.close(CloseMode.GRACEFUL);
            client.awaitShutdown(Timeout.ofSeconds(5));
        }
        assertTrue(server.connectionEngines().stream().anyMatch(e -> "h2".equals(e.getApplicationProtocol())));
        assertTrue(server.connectionEngines().stream().allMatch(e -> e.getClass().getName().equals(OkHttpTest.ENGINE)));
    }

    private static void checkClientSession(SSLSession session) throws Exception {
        assertNotNull(session, "HttpClient's context has no SSLSession");
        assertEquals(OkHttpTest.SESSION, session.getClass().getName());
        assertEquals("TLSv1.3", session.getProtocol());
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) session.getPeerCertificates()[0];
        assertEquals(ca.root().getSubjectX500Principal(), leaf.getIssuerX500Principal());
    }
}
