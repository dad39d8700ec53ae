import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * An application that knows nothing of SecureChannel: the JDK's HttpsServer and HttpClient on the default
 * SSLContext. Whichever provider java.security puts first does the TLS. Needs no files: it makes a
 * throw-away self-signed certificate for "localhost" with keytool and configures the default SSLContext
 * through the javax.net.ssl.* system properties, as an unchanged application would be configured.
 *
 * <pre>
 * java -Djava.security.properties=examples/securechannel.security \
 *      -cp provider/target/securechannel-provider-0.1.0-SNAPSHOT.jar examples/HttpClientDemo.java
 * </pre>
 */
public class HttpClientDemo {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("securechannel-demo");
        Path store = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        // The certificate is both the server's key and the client's trust anchor.
        System.setProperty("javax.net.ssl.keyStore", store.toString());
        System.setProperty("javax.net.ssl.keyStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");

        SSLContext tls = SSLContext.getDefault();
        System.out.println("SSLContext.getDefault() is from provider " + tls.getProvider().getName());
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            SSLSession s = ((HttpsExchange) exchange).getSSLSession();
            byte[] body = ("hello over " + s.getProtocol() + " with " + s.getCipherSuite()
                    + "; the server's session is a " + s.getClass().getName()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("HttpClient got " + response.statusCode() + ": " + response.body());
            System.out.println("HttpClient's SSLContext is from provider " + client.sslContext().getProvider().getName()
                    + "; its session belongs to a " + response.sslSession().orElseThrow().getSessionContext().getClass().getName());
        } finally {
            server.stop(0);
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }
}
