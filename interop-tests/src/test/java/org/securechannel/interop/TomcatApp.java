package org.securechannel.interop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;

/**
 * Tomcat 11 embedded with an HTTPS connector (NIO, Tomcat's own JSSE implementation, HTTP/2 by ALPN), in a JVM
 * whose java.security puts SecureChannel first: Tomcat asks {@code SSLContext.getInstance("TLS")} and gets ours
 * with no code that names it. Clients in the same JVM, equally unchanged: the JDK's HttpClient (HTTP/2 and
 * HTTP/1.1) and HttpsURLConnection, on the default SSLContext and the javax.net.ssl.trustStore property.
 * Run by {@link TomcatTest} in a child JVM; prints {@code key=value} lines, including every WARNING or worse
 * logged while Tomcat started (its "protocols skipped" warning among them, if it came).
 *
 * <p>Arguments: the PKCS#12 key store (password "changeit"), a scratch directory for Tomcat, and the connector's
 * {@code protocols} attribute; and {@code serve} (start, then the clients) or {@code start-only}.
 */
public final class TomcatApp {
    private TomcatApp() {
    }

    /** Tomcat's JSSE implementation, unchanged, that also notes the class of each connection's SSLSession. */
    public static final class SessionRecordingJsseImplementation extends JSSEImplementation {
        static final Set<String> SESSIONS = ConcurrentHashMap.newKeySet();

        @Override
        public SSLSupport getSSLSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
            SESSIONS.add(session.getClass().getName());
            return super.getSSLSupport(session, additionalAttributes);
        }
    }

    /** JUL records of WARNING or worse, as Tomcat logs them (java.util.logging through JULI). */
    private static final class Warnings extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                lines.add(record.getLoggerName() + ": " + new SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().print("hello " + request.getRequestURI() + " over " + request.getProtocol() + " with "
                    + request.getAttribute("jakarta.servlet.request.cipher_suite"));
        }
    }

    public static void main(String[] args) throws Exception {
        Warnings warnings = new Warnings();
        Logger.getLogger("").addHandler(warnings);
        print("default.provider", SSLContext.getDefault().getProvider().getName());

        Path base = Files.createDirectories(Path.of(args[1]));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        connector.setProperty("sslImplementationName", SessionRecordingJsseImplementation.class.getName());
        SSLHostConfig tls = new SSLHostConfig();
        // Named explicitly, so Tomcat checks each against what the engine implements and warns if it skips one.
        tls.setProtocols(args[2]);
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(args[0]);
        certificate.setCertificateKeystorePassword("changeit");
        certificate.setCertificateKeystoreType("PKCS12");
        tls.addCertificate(certificate);
        connector.addSslHostConfig(tls);
        connector.addUpgradeProtocol(new Http2Protocol());
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "hello", new Hello());
        context.addServletMappingDecoded("/*", "hello");
        tomcat.start();
        try {
            print("tomcat.protocols", String.join(",", tls.getEnabledProtocols()));
            print("tomcat.ciphers", String.join(",", tls.getEnabledCiphers()));
            // Tomcat's TLS code logs under org.apache.tomcat.util.net; other start-up warnings (a slow SecureRandom
            // on a busy machine) are printed too but are not about TLS.
            List<String> tlsWarnings = warnings.lines.stream().filter(l -> l.startsWith("org.apache.tomcat.util.net.")).toList();
            print("tomcat.tlsWarnings", String.valueOf(tlsWarnings.size()));
            for (int i = 0; i < tlsWarnings.size(); i++) {
                print("tomcat.tlsWarning." + i, tlsWarnings.get(i));
            }
            warnings.lines.forEach(l -> print("tomcat.startWarning", l));
            if (!"start-only".equals(args[3])) {
                String baseUrl = "https://localhost:" + connector.getLocalPort();
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                fetch(client, "h2", HttpClient.Version.HTTP_2, baseUrl + "/h2");
                fetch(client, "h1", HttpClient.Version.HTTP_1_1, baseUrl + "/h1");
                HttpsURLConnection c = (HttpsURLConnection) new URL(baseUrl + "/url").openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(5000);
                try (InputStream in = c.getInputStream()) {
                    print("url.body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    print("url.factory", c.getSSLSocketFactory().getClass().getName());
                    print("url.session", c.getSSLSession().map(s -> s.getClass().getName()).orElse("none"));
                }
                print("tomcat.sessions", String.join(",", SessionRecordingJsseImplementation.SESSIONS));
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
        print("done", "true");
        System.exit(0); // HttpClient's selector thread would keep the JVM alive a little longer
    }

    private static void fetch(HttpClient client, String key, HttpClient.Version version, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).version(version)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            print(key + ".status", String.valueOf(response.statusCode()));
            print(key + ".version", response.version().name());
            print(key + ".body", response.body());
            print(key + ".clientProvider", client.sslContext().getProvider().getName());
            // HttpClient hands out a copy of the session; its session context is still the provider's own.
            print(key + ".sessionContext", response.sslSession().map(s -> s.getSessionContext().getClass().getName()).orElse("none"));
        } catch (Exception e) {
            print(key + ".error", e.toString());
        }
    }

    private static void print(String key, String value) {
        System.out.println(key + "=" + value.replace('\n', ' '));
    }
}
