package org.securechannel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Security;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.testing.TestPki.KeyType;

/**
 * CI smoke for what perf/server-load and FullHandshakeBenchmark's outside-harness variants run, not a measurement:
 * the Jetty server of the load test answers a SunJSSE client over each provider (TLS 1.3, the certificate checked
 * by PKIX, two requests on one keep-alive connection), and {@link PlainHandshakes}' set-up checks pass.
 */
class ServerLoadSmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"SecureChannel", "SunJSSE", "Conscrypt"})
    void jettyServesKeepAliveRequestsToSunJsse(String provider) throws Exception {
        Pki.Identity id = Pki.issue(KeyType.EC_P256);
        Server server = HttpsLoadServer.start(provider, id);
        try (SSLSocket socket = (SSLSocket) client(id).getSocketFactory().createSocket()) {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            SSLParameters p = socket.getSSLParameters();
            p.setServerNames(java.util.List.of(new SNIHostName("localhost")));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(p);
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = readResponse(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 200 "), response);
                assertTrue(response.endsWith("\r\n\r\nhello, world\n"), response);
            }
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SecureChannel", "SunJSSE", "Conscrypt"})
    void outsideHarnessVariantsNegotiateWhatTheyClaim(String provider) throws Exception {
        for (boolean pin : new boolean[] {true, false}) {
            PlainHandshakes h = new PlainHandshakes(provider, pin, true);
            String seen = h.verify(h.newBuffers(), 2);
            assertTrue(seen.contains(pin ? "x25519" : ""), seen);
        }
    }

    private static SSLContext client(Pki.Identity id) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", id.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Security.getProvider("SunJSSE"));
        tmf.init(anchors);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", Security.getProvider("SunJSSE"));
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Head and a Content-Length body; bounded by the socket timeout and the 4 KiB a 13-byte answer needs. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (bytes.size() < 4096) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            String s = bytes.toString(StandardCharsets.US_ASCII);
            int head = s.indexOf("\r\n\r\n");
            if (head >= 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(s);
                if (m.find() && s.length() - head - 4 >= Integer.parseInt(m.group(1))) {
                    return s;
                }
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
