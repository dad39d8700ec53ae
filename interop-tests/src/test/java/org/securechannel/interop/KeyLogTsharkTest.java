package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The key log proved the way a user would use it: an unchanged JSSE client on our provider, with the security
 * property org.securechannel.keyLogFile set, sends an HTTP request to SunJSSE through a loopback relay that
 * records the connection as a pcap; tshark (Wireshark's CLI, a reader nobody here wrote) decrypts the capture
 * with the key log and finds the request, and without the key log does not.
 */
class KeyLogTsharkTest {
    private static final String REQUEST_PATH = "/key-log-proof/" + Long.toHexString(System.nanoTime());
    private static TestPki pki;
    private static TestPki.Issued leaf;
    private static String propertyBefore;

    @BeforeAll
    static void setUp() {
        String tshark = findTshark();
        if (tshark == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("tshark is not installed, and under CI it must be: .ci/run installs Debian's tshark");
            }
            Assumptions.abort("tshark is not installed (apt-get install tshark); .ci/run installs it and CI fails without it");
        }
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, "localhost");
        propertyBefore = Security.getProperty("org.securechannel.keyLogFile");
    }

    @AfterAll
    static void restoreProperty() {
        Security.setProperty("org.securechannel.keyLogFile", propertyBefore == null ? "" : propertyBefore);
    }

    private static String findTshark() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "tshark"))) {
                return Path.of(dir, "tshark").toString();
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tsharkDecryptsTheCaptureWithTheKeyLogAndOnlyWithIt(String version, @TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys.log");
        Path pcap = dir.resolve("connection.pcap");
        Security.setProperty("org.securechannel.keyLogFile", keys.toString());
        try (SSLServerSocket server = sunJsseServer(); LoopbackCapture capture = new LoopbackCapture(server.getLocalPort())) {
            Thread serving = new Thread(() -> serveOne(server), "tshark-test-server");
            serving.setDaemon(true);
            serving.start();
            String response = ourClientRequest(capture.port(), version);
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
            capture.writePcap(pcap);
            serving.join(30_000);
        } finally {
            Security.setProperty("org.securechannel.keyLogFile", "");
        }
        List<String> keyLog = Files.readAllLines(keys);
        assertTrue(keyLog.stream().anyMatch(l -> l.startsWith(version.equals("TLSv1.3") ? "CLIENT_TRAFFIC_SECRET_0 " : "CLIENT_RANDOM ")),
                keyLog.toString());

        List<String> withKeys = tshark(pcap, "tls.keylog_file:" + keys);
        assertEquals(List.of("GET\t" + REQUEST_PATH), withKeys, "tshark, given the key log, reads the HTTP request");
        Path empty = Files.createFile(dir.resolve("no-keys.log"));
        assertEquals(List.of(), tshark(pcap, "tls.keylog_file:" + empty), "without the key log it cannot");
        List<String> handshakes = tsharkFields(pcap, "tls.keylog_file:" + empty, "tls.handshake.type", "tls.handshake.type");
        assertTrue(handshakes.stream().anyMatch(l -> l.contains("1")), "tshark did see the TLS handshake: " + handshakes);
    }

    private static SSLServerSocket sunJsseServer() throws Exception {
        SSLContext sun = SunJsseEngines.context(leaf);
        return (SSLServerSocket) sun.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static void serveOne(SSLServerSocket server) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
            s.setSoTimeout(30_000);
            s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n") && head.size() < 8192) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException e) {
            // The client's assertions report what went wrong.
        }
    }

    private static String ourClientRequest(int port, String version) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ours = SSLContext.getInstance("TLS", new SecureChannelProvider());
        ours.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ours.getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(30_000);
            s.setEnabledProtocols(new String[] {version});
            s.getOutputStream().write(("GET " + REQUEST_PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The HTTP requests tshark decodes in the capture, as "method TAB uri" lines. */
    private static List<String> tshark(Path pcap, String keyLogOption) throws Exception {
        return tsharkFields(pcap, keyLogOption, "http.request", "http.request.method", "http.request.uri");
    }

    private static List<String> tsharkFields(Path pcap, String keyLogOption, String filter, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(findTshark(), "-n", "-r", pcap.toString(), "-o", keyLogOption,
                "-Y", filter, "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), "tshark failed: " + cmd);
        List<String> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
