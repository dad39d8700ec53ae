package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.2 against OpenSSL 3 in both directions, every suite we offer with the certificate type it needs:
 * {@code s_server -tls1_2 -cipher X} against our client (which offers 1.3 and 1.2 in one hello, and must settle
 * on 1.2), {@code s_client -tls1_2 -cipher X} against our server (which enables both), and our JSSE
 * {@code SSLContext "TLSv1.2"} against {@code s_server -www}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslTls12InteropTest extends OpenSslInteropTest {

    private static KeyType certificateFor(CipherSuite suite) {
        return suite.authentication() == CipherSuite.Authentication.RSA ? KeyType.RSA_2048 : KeyType.EC_P256;
    }

    @ParameterizedTest(name = "s_server -tls1_2 -cipher {1}")
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ECDHE-RSA-AES256-GCM-SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA-CHACHA20-POLY1305",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-RSA-CHACHA20-POLY1305",
    })
    void ourClientAgainstSServer(CipherSuite suite, String opensslName) throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(certificateFor(suite)));
        args.addAll(List.of("-tls1_2", "-cipher", opensslName, "-naccept", "1"));
        try (OpenSslProcess server = OpenSslProcess.server(args);
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(suite, info.cipherSuite());
            stream.write(ascii("from securechannel: " + opensslName + "\n"));
            expectOutput(server, "from securechannel: " + opensslName);
            server.sendLine("from openssl: " + opensslName);
            readUntil(stream, "from openssl: " + opensslName);
        }
    }

    @ParameterizedTest(name = "s_client -tls1_2 -cipher {1}")
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ECDHE-RSA-AES256-GCM-SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA-CHACHA20-POLY1305",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-RSA-CHACHA20-POLY1305",
    })
    void sClientAgainstOurServer(CipherSuite suite, String opensslName) throws Exception {
        Credentials credentials = serverCredentials(certificateFor(suite)).build();
        try (ServerSocket listener = listen()) {
            Future<Served> served = echoOnce(listener, credentials);
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), List.of("-tls1_2", "-cipher", opensslName,
                    "-CAfile", caFile.toString(), "-servername", "localhost", "-verify_return_error"))) {
                client.sendLine("echo me " + opensslName);
                expectOutput(client, "echo me " + opensslName);
                assertTrue(client.stdout().contains("Protocol  : TLSv1.2"), client::describe);
                assertTrue(client.stdout().contains("Cipher    : " + opensslName), client::describe);
                client.closeInput();
                ConnectionInfo info = served.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS).info();
                assertEquals(ProtocolVersion.TLS12, info.version());
                assertEquals(suite, info.cipherSuite());
            }
        }
    }

    /** An unchanged JSSE client on SSLContext "TLSv1.2" from our provider: an HTTP request to s_server -www. */
    @Test
    void jsseTls12ContextAgainstSServerWww() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ours = SSLContext.getInstance("TLSv1.2", new SecureChannelProvider());
        ours.init(null, tmf.getTrustManagers(), null);
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-www", "-naccept", "1"));
        try (OpenSslProcess server = OpenSslProcess.server(args);
                SSLSocket socket = (SSLSocket) ours.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), IO_TIMEOUT_MILLIS);
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
            assertEquals(List.of("TLSv1.2"), List.of(socket.getEnabledProtocols()));
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readNBytes(MIB), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.0 200 ok"), response);
            assertTrue(response.contains("TLSv1.2"), "s_server -www reports the protocol it negotiated");
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", socket.getSession().getCipherSuite());
        }
    }


    /** The CLI client with --tls1_2 against s_server -tls1_2 -www, as a user would run it. */
    @Test
    void cliClientWithTls12AgainstSServerWww() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.RSA_2048));
        args.addAll(List.of("-tls1_2", "-www", "-naccept", "1"));
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int status = org.securechannel.cli.Main.run(new String[] {"client", "--connect", "127.0.0.1:" + server.port(),
                "--servername", "localhost", "--cafile", caFile.toString(), "--tls1_2", "--timeout", "10"},
                    new java.io.ByteArrayInputStream("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            String report = err.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, report);
            assertTrue(report.contains("Protocol: TLSv1.2"), report);
            assertTrue(report.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), report);
            assertTrue(out.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.0 200 ok"), out.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** s_client -reconnect: five more connections that resume the first one's session at our server (RFC 5246 §7.3). */
    @Test
    void sClientReconnectResumesAtOurServer() throws Exception {
        Credentials credentials = serverCredentials(KeyType.EC_P256).cipherSuites(Credentials.DEFAULT_TLS12_SUITES).build();
        try (ServerSocket listener = listen()) {
            Future<Integer> resumed = inBackground(() -> {
                int count = 0;
                for (int i = 0; i < 6; i++) {
                    try (Socket s = listener.accept()) {
                        s.setSoTimeout(IO_TIMEOUT_MILLIS);
                        try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                            stream.handshake();
                            count += stream.context().connectionInfo().resumed() ? 1 : 0;
                            while (stream.read() != null) {
                                // until s_client closes
                            }
                        } catch (IOException closedWithoutCloseNotify) {
                            // s_client -reconnect may just drop the connection; the handshake is what counts
                        }
                    }
                }
                return count;
            });
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), List.of("-tls1_2", "-reconnect",
                    "-CAfile", caFile.toString(), "-servername", "localhost", "-verify_return_error"))) {
                assertEquals(5, resumed.get(IO_TIMEOUT_MILLIS * 4L, TimeUnit.MILLISECONDS), client::describe);
                assertTrue(client.awaitOutput("Reused, TLSv1.2", WAIT), client::describe);
            }
        }
    }

    /** Our client twice to one s_server -tls1_2 with the same Credentials: the second connection resumes. */
    @Test
    void ourClientResumesWithSServer() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_2", "-naccept", "2"));
        Credentials credentials = clientCredentials().build();
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            for (int i = 0; i < 2; i++) {
                try (ContextStream stream = connect(server.port(), credentials)) {
                    stream.handshake();
                    assertEquals(i == 1, stream.context().connectionInfo().resumed(), "connection " + i);
                    stream.write(ascii("hello " + i + "\n"));
                    expectOutput(server, "hello " + i);
                }
            }
        }
    }
}
