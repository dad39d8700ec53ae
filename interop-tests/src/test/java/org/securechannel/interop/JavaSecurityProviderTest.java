package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * Issue 3's promise: a JVM whose java.security (through {@code -Djava.security.properties=FILE}) puts
 * SecureChannel first runs unchanged code over SecureChannel. The child JVM runs {@link UnchangedApp}:
 * HttpClient HTTP/1.1 and HTTP/2 (ALPN h2) against SunJSSE servers here (the JDK's HttpsServer; Jetty 12 for
 * h2, which the JDK's server does not speak), HttpsURLConnection with host-name verification (a wrong name
 * must fail), and the JDK's HttpsServer in the child with the default SSLContext. Proof that SecureChannel
 * did each handshake: the child's default SSLContext and HttpClient's context are SecureChannel's, the sessions
 * HttpClient reports belong to SecureChannel's session context (HttpClient copies the session itself), the
 * HttpsServer in the child sees a SecureChannelSession, HttpsURLConnection uses SecureChannel's socket factory,
 * and the wrong-name failure is thrown from SecureChannel code.
 * Both forms of the provider line are run: the class name, and the provider name (found by ServiceLoader).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaSecurityProviderTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String SESSION = "org.securechannel.jsse.SecureChannelSession";
    private static final String SESSION_CONTEXT = "org.securechannel.jsse.SessionContext";

    @TempDir
    static Path dir;
    private static HttpsServer h1;
    private static Server h2;
    private static int h2Port;
    private static Path trustStore;
    private static Path keyStore;

    @BeforeAll
    static void servers() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        TestPki.Issued server = ca.issue(TestPki.KeyType.EC_P256, "localhost");
        trustStore = store("trust.p12", ks -> ks.setCertificateEntry("root", ca.root()));
        keyStore = store("keys.p12", ks -> ks.setKeyEntry("server", server.key(), PASSWORD, server.chain().toArray(new X509Certificate[0])));
        SSLContext sun = SunJsseEngines.context(server, ca.root());
        assertEquals("SunJSSE", sun.getProvider().getName());

        h1 = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        h1.setHttpsConfigurator(new HttpsConfigurator(sun));
        h1.createContext("/", exchange -> {
            byte[] body = ("hello " + ((HttpsExchange) exchange).getSSLSession().getProtocol()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        h1.start();

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(sun);
        HttpConfiguration http = new HttpConfiguration();
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol("http/1.1");
        h2 = new Server();
        ServerConnector connector = new ServerConnector(h2, new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(http), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        h2.addConnector(connector);
        h2.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                Content.Sink.write(response, true, "hello " + request.getConnectionMetaData().getProtocol(), callback);
                return true;
            }
        });
        h2.start();
        h2Port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (h1 != null) {
            h1.stop(0);
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    private static Path store(String name, ChildJvm.KeyStoreFiller filler) throws Exception {
        return ChildJvm.pkcs12(dir.resolve(name), filler);
    }

    static Path securityFile(String firstEntry) throws Exception {
        return ChildJvm.securityFile(dir, firstEntry);
    }

    static Map<String, String> runChild(Path securityFile, String mainClass, String... args) throws Exception {
        List<String> options = List.of("-Djava.security.properties=" + securityFile,
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.keyStore=" + keyStore, "-Djavax.net.ssl.keyStorePassword=changeit");
        // The application's classes and the provider: nothing else (the provider needs no other jar).
        String classPath = ChildJvm.classPath(List.of(ChildJvm.codeSource(UnchangedApp.class), ChildJvm.codeSource(SecureChannelProvider.class)));
        ChildJvm.Result child = ChildJvm.run(dir, options, classPath, Class.forName(mainClass), args);
        Map<String, String> values = new LinkedHashMap<>(child.values());
        values.put("_output", child.output());
        values.put("_exit", String.valueOf(child.exit()));
        return values;
    }

    private static void checkUnchangedApp(Map<String, String> v) {
        String out = v.get("_output");
        assertEquals("0", v.get("_exit"), out);
        assertEquals("true", v.get("done"), out);
        assertEquals("SecureChannel", v.get("default.provider"), out);
        assertEquals("SecureChannel", v.get("tls.provider"), out);
        // HttpClient, HTTP/1.1 against SunJSSE
        assertEquals("200", v.get("h1.status"), out);
        assertEquals("HTTP_1_1", v.get("h1.version"), out);
        assertEquals("hello TLSv1.3", v.get("h1.body"), out);
        assertEquals(SESSION_CONTEXT, v.get("h1.sessionContext"), out);
        assertEquals("SecureChannel", v.get("h1.clientProvider"), out);
        // HttpClient, HTTP/2 by ALPN against Jetty on SunJSSE
        assertEquals("200", v.get("h2.status"), out);
        assertEquals("HTTP_2", v.get("h2.version"), out);
        assertEquals("hello HTTP/2.0", v.get("h2.body"), out);
        assertEquals(SESSION_CONTEXT, v.get("h2.sessionContext"), out);
        assertEquals("SecureChannel", v.get("h2.clientProvider"), out);
        // HttpsURLConnection over our SSLSocketFactory, with host-name verification
        assertEquals("org.securechannel.jsse.SecureChannelSocketFactory", v.get("url.factory"), out);
        assertEquals("hello TLSv1.3", v.get("url.body"), out);
        assertTrue(v.get("url.suite").startsWith("TLS_AES_"), out);
        assertTrue(v.get("wrongname").startsWith("javax.net.ssl.SSLHandshakeException"), out);
        assertTrue(v.get("wrongname").contains("127.0.0.1"), out);
        assertEquals("true", v.get("wrongname.ours"), out);
        // The JDK's HttpsServer in the child, on the default SSLContext, and the child's HttpClient: ours on both sides
        assertEquals("served by " + SESSION, v.get("own.body"), out);
        assertEquals(SESSION_CONTEXT, v.get("own.sessionContext"), out);
        assertEquals("SecureChannel", v.get("own.clientProvider"), out);
    }

    @Test
    void providerClassNameFirstInJavaSecurity() throws Exception {
        Path file = securityFile(SecureChannelProvider.class.getName());
        checkUnchangedApp(runChild(file, UnchangedApp.class.getName(), String.valueOf(h1.getAddress().getPort()), String.valueOf(h2Port)));
    }

    @Test
    void providerNameFirstInJavaSecurity() throws Exception {
        Path file = securityFile("SecureChannel");
        checkUnchangedApp(runChild(file, UnchangedApp.class.getName(), String.valueOf(h1.getAddress().getPort()), String.valueOf(h2Port)));
    }

    /** The README's demo command, as written there: examples/HttpClientDemo.java with examples/securechannel.security. */
    @Test
    void readmeDemoRunsOverSecureChannel() throws Exception {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + examples.resolve("securechannel.security"),
                "-cp", ChildJvm.codeSource(SecureChannelProvider.class), examples.resolve("HttpClientDemo.java").toString());
        Path output = Files.createTempFile(dir, "demo", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "the demo did not finish: " + Files.readString(output));
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(output);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("SSLContext.getDefault() is from provider SecureChannel"), text);
        assertTrue(text.contains("HttpClient got 200: hello over TLSv1.3"), text);
        assertTrue(text.contains("the server's session is a " + SESSION), text);
        assertTrue(text.contains("its session belongs to a " + SESSION_CONTEXT), text);
    }
}
