package org.securechannel.interop;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * An application that knows nothing of SecureChannel: standard APIs only, configured the way unchanged
 * applications are (java.security and javax.net.ssl.* system properties). Run in a child JVM by
 * {@link JavaSecurityProviderTest}; prints {@code key=value} lines for the test to check.
 *
 * <p>Arguments: the port of a plain HTTPS server (HTTP/1.1) and of an HTTP/2 server, both on localhost.
 */
public final class UnchangedApp {
    private UnchangedApp() {
    }

    public static void main(String[] args) throws Exception {
        int h1Port = Integer.parseInt(args[0]);
        int h2Port = Integer.parseInt(args[1]);
        print("default.provider", SSLContext.getDefault().getProvider().getName());
        print("tls.provider", SSLContext.getInstance("TLS").getProvider().getName());

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        fetch(client, "h1", HttpClient.Version.HTTP_1_1, "https://localhost:" + h1Port + "/hello");
        fetch(client, "h2", HttpClient.Version.HTTP_2, "https://localhost:" + h2Port + "/hello");

        // HttpsURLConnection: SSLSocketFactory.getDefault(), host-name verification by the HTTPS endpoint check.
        print("url.factory", HttpsURLConnection.getDefaultSSLSocketFactory().getClass().getName());
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://localhost:" + h1Port + "/hello").openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            print("url.body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            print("url.suite", c.getCipherSuite());
        }
        HttpsURLConnection wrong = (HttpsURLConnection) new URL("https://127.0.0.1:" + h1Port + "/hello").openConnection();
        wrong.setConnectTimeout(5000);
        wrong.setReadTimeout(5000);
        try (InputStream in = wrong.getInputStream()) {
            print("wrongname", "connected: " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            print("wrongname", e.getClass().getName() + ": " + e.getMessage());
            print("wrongname.ours", String.valueOf(thrownBySecureChannel(e)));
        }

        // The JDK's HttpsServer with the default SSLContext (key store from javax.net.ssl.keyStore).
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(SSLContext.getDefault()));
        server.createContext("/", exchange -> {
            byte[] body = ("served by " + ((HttpsExchange) exchange).getSSLSession().getClass().getName()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            fetch(client, "own", HttpClient.Version.HTTP_1_1, "https://localhost:" + server.getAddress().getPort() + "/own");
        } finally {
            server.stop(0);
        }
        print("done", "true");
        System.exit(0); // HttpClient's selector thread would keep the JVM alive a little longer
    }

    private static void fetch(HttpClient client, String key, HttpClient.Version version, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).version(version).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            print(key + ".status", String.valueOf(response.statusCode()));
            print(key + ".version", response.version().name());
            print(key + ".body", response.body());
            // HttpClient hands out a copy of the session (ImmutableExtendedSSLSession); its session context is the provider's own.
            print(key + ".sessionContext", response.sslSession().map(s -> s.getSessionContext().getClass().getName()).orElse("none"));
            print(key + ".clientProvider", client.sslContext().getProvider().getName());
            print(key + ".protocol", response.sslSession().map(s -> s.getProtocol()).orElse("none"));
        } catch (Exception e) {
            print(key + ".error", e.toString());
        }
    }

    private static boolean thrownBySecureChannel(Throwable t) {
        for (; t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("org.securechannel.") && !e.getClassName().startsWith("org.securechannel.interop.")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void print(String key, String value) {
        System.out.println(key + "=" + value.replace('\n', ' '));
    }
}
