package org.securechannel.perf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.securechannel.testing.TestPki.KeyType;

/**
 * A Jetty 12 HTTPS server (HTTP/1.1, keep-alive unless the client says {@code Connection: close}) on one TLS
 * provider, for the load test in {@code perf/server-load/run.sh}: the load comes from {@code wrk} in another
 * process, so nothing here measures. Every provider gets the same ECDSA P-256 leaf + CA chain through the
 * JDK's default key manager ({@code SunX509}, what Jetty itself picks when given a key store: neither
 * SecureChannel nor Conscrypt brings a key manager factory), and answers every request with the same 13 bytes.
 *
 * <p>Usage: {@code HttpsLoadServer PROVIDER PORT_FILE}: binds 127.0.0.1 on an ephemeral port, writes the port
 * to PORT_FILE once it accepts connections, and runs until the process is stopped.
 */
public final class HttpsLoadServer {
    private static final byte[] BODY = "hello, world\n".getBytes(StandardCharsets.US_ASCII);
    private static final char[] PASSWORD = "load".toCharArray();

    private HttpsLoadServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !Providers.ALL.contains(args[0])) {
            System.err.println("usage: HttpsLoadServer " + String.join("|", Providers.ALL) + " PORT_FILE");
            System.exit(2);
        }
        Server server = start(args[0], Pki.issue(KeyType.EC_P256));
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        Path portFile = Path.of(args[1]);
        Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(port));
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println(args[0] + " on Java " + Runtime.version() + " serving https://127.0.0.1:" + port + "/");
        server.join();
    }

    /** Starts the server on 127.0.0.1, ephemeral port, serving {@code id}; the caller stops it. */
    public static Server start(String provider, Pki.Identity id) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(serverContext(provider, id));
        // The provider's own defaults decide versions and suites (TLS 1.3 with AES-128-GCM for wrk's OpenSSL);
        // Jetty's default exclusions concern TLS 1.2 suites only.
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // Jetty otherwise adds a customizer that refuses a Host (127.0.0.1) the certificate (localhost) does not name.
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        // 1,000 idle keep-alive connections must stay open while their memory is read.
        connector.setIdleTimeout(300_000);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Hello());
        server.start();
        return server;
    }

    /** An SSLContext of {@code provider} serving {@code id}'s chain; no client authentication. */
    static SSLContext serverContext(String provider, Pki.Identity id) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", id.key(), PASSWORD, id.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", Security.getProvider("SunJSSE"));
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS", Providers.provider(provider));
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** 200, text/plain, {@link #BODY}. */
    private static final class Hello extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
            response.write(true, ByteBuffer.wrap(BODY).asReadOnlyBuffer(), callback);
            return true;
        }
    }
}
