package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.cli.Main;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The CLI's diagnostics against OpenSSL's s_server: {@code scan} reports exactly what each of three servers was
 * configured with, and {@code client --reconnect} reports resumption as OpenSSL's own s_client does.
 */
class CliDiagnosticsOpenSslTest {
    @TempDir
    static Path dir;
    private static Path caFile;
    private static Path ecCert;
    private static Path ecKey;
    private static Path rsaCert;
    private static Path rsaKey;

    @BeforeAll
    static void pki() throws IOException {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        caFile = TestPki.writePem(dir, "ca.pem", TestPki.pem(ca.root()));
        TestPki.Issued ec = ca.issue(KeyType.EC_P256, "localhost");
        TestPki.Issued rsa = ca.issue(KeyType.RSA_2048, "localhost");
        ecCert = TestPki.writePem(dir, "ec.pem", TestPki.pem(ec.chain().toArray(new X509Certificate[0])));
        ecKey = TestPki.writePem(dir, "ec.key", TestPki.pem(ec.key()));
        rsaCert = TestPki.writePem(dir, "rsa.pem", TestPki.pem(rsa.chain().toArray(new X509Certificate[0])));
        rsaKey = TestPki.writePem(dir, "rsa.key", TestPki.pem(rsa.key()));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run scan(OpenSslProcess server) {
        Run r = cli("scan", "127.0.0.1:" + server.port(), "--servername", "localhost", "--cafile", caFile.toString(),
                "--json", "--timeout", "10");
        assertEquals(0, r.status(), () -> r.err() + r.out() + server.describe());
        return r;
    }

    private static void assertHas(String json, String expected) {
        assertTrue(json.contains(expected), () -> "expected " + expected + " in\n" + json);
    }

    @Test
    void zeroRttAdvertisedByTheServersTickets() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", ecCert.toString(), "-key", ecKey.toString(),
                "-tls1_3", "-early_data"))) {
            assertHas(scan(server).out(), "\"earlyData\": 16384"); // s_server -early_data: max_early_data_size 2^14
        }
    }

    @Test
    void tls13OnlyWithTwoSuitesAndTwoGroups() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", ecCert.toString(), "-key", ecKey.toString(),
                "-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256", "-groups", "X25519:P-256"))) {
            String json = scan(server).out();
            assertHas(json, "\"versions\": [\"TLSv1.3\"]");
            assertHas(json, "\"TLSv1.3\": [\"TLS_AES_256_GCM_SHA384\", \"TLS_CHACHA20_POLY1305_SHA256\"]");
            assertHas(json, "\"groups\": [\"x25519\", \"secp256r1\"]");
            assertHas(json, "\"helloRetryRequest\": false");
            assertHas(json, "\"signatureSchemes\": [\"ecdsa_secp256r1_sha256\"]");
            assertHas(json, "\"hostnameMatch\": true");
            assertHas(json, "\"trusted\": true");
            assertHas(json, "\"tls12\": null");
            assertHas(json, "\"tls13Tickets\": true");
            assertHas(json, "\"earlyData\": 0"); // s_server without -early_data: its tickets allow no 0-RTT
        }
    }

    @Test
    void bothVersionsWithAnRsaCertificate() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", rsaCert.toString(), "-key", rsaKey.toString(),
                "-alpn", "http/1.1"))) {
            String json = scan(server).out();
            assertHas(json, "\"versions\": [\"TLSv1.3\", \"TLSv1.2\"]");
            assertHas(json, "\"TLSv1.2\": [\"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\", \"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\", "
                    + "\"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256\"]");
            assertHas(json, "\"signatureSchemes\": [\"rsa_pss_rsae_sha256\", \"rsa_pss_rsae_sha384\", \"rsa_pss_rsae_sha512\"]");
            assertHas(json, "\"alpn\": [\"http/1.1\"]");
            assertHas(json, "\"publicKey\": \"RSA 2048\"");
            assertHas(json, "\"tls12\": true");
            assertHas(json, "\"tls13Tickets\": true");
        }
    }

    @Test
    void onlyP384SoOurX25519ShareGetsAHelloRetryRequest() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", ecCert.toString(), "-key", ecKey.toString(),
                "-groups", "P-384"))) {
            String json = scan(server).out();
            assertHas(json, "\"groups\": [\"secp384r1\"]");
            assertHas(json, "\"offeredKeyShare\": \"x25519\",\n    \"helloRetryRequest\": true,\n    \"selectedGroup\": \"secp384r1\"");
        }
    }

    @Test
    void aServerThatIsNotThereIsNoAnswerNotAHang() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = cli("scan", "127.0.0.1:" + port, "--timeout", "2");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("no answer"), r.err());
    }

    /** Ours and OpenSSL's s_client, five reconnections each to s_server over TLS 1.2: both resume every one. */
    @Test
    void reconnectReportsResumptionAsOpenSslDoes() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", ecCert.toString(), "-key", ecKey.toString(),
                "-tls1_2"))) {
            Run ours = cli("client", "--connect", "127.0.0.1:" + server.port(), "--servername", "localhost", "--cafile",
                    caFile.toString(), "--reconnect", "5", "--timeout", "10");
            assertEquals(0, ours.status(), ours.err());
            List<String> ourVerdicts = verdicts(ours.err(), Pattern.compile("connection \\d+: (New|Reused)"));
            assertEquals(List.of("New", "Reused", "Reused", "Reused", "Reused", "Reused"), ourVerdicts, ours.err());
            assertTrue(ours.err().contains("Resumed: 5 of 5 reconnections"), ours.err());

            try (OpenSslProcess theirs = OpenSslProcess.client(server.port(), List.of("-servername", "localhost",
                    "-CAfile", caFile.toString(), "-reconnect", "-tls1_2"))) {
                theirs.closeInput();
                assertTrue(theirs.awaitExit(Duration.ofSeconds(30)) != null, theirs.describe());
                Pattern verdict = Pattern.compile("^(New|Reused),", Pattern.MULTILINE);
                // The output is captured by a reader thread: give it (bounded) time to catch up with the exit.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (verdicts(theirs.stdout(), verdict).size() < ourVerdicts.size() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<String> openssl = verdicts(theirs.stdout(), verdict);
                assertEquals(ourVerdicts, openssl, theirs.stdout());
            }
        }
    }

    /**
     * TLS 1.3: tickets. OpenSSL's s_client -reconnect closes before the tickets arrive (it says New every time), so
     * OpenSSL's verdict comes from -sess_out then -sess_in, as OpenSslTls13ResumptionTest does.
     */
    @Test
    void reconnectOverTls13ResumesWithTicketsAsOpenSslDoes() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", ecCert.toString(), "-key", ecKey.toString(),
                "-tls1_3"))) {
            Run ours = cli("client", "--connect", "127.0.0.1:" + server.port(), "--servername", "localhost", "--cafile",
                    caFile.toString(), "--reconnect", "2", "--timeout", "10");
            assertEquals(0, ours.status(), ours.err());
            assertEquals(List.of("New", "Reused", "Reused"),
                    verdicts(ours.err(), Pattern.compile("connection \\d+: (New|Reused), TLSv1\\.3")), ours.err());

            Path session = dir.resolve("openssl-tls13.session");
            List<String> common = List.of("-servername", "localhost", "-CAfile", caFile.toString(), "-tls1_3");
            List<String> first = new ArrayList<>(common);
            first.addAll(List.of("-sess_out", session.toString()));
            try (OpenSslProcess c = OpenSslProcess.client(server.port(), first)) {
                // s_client writes -sess_out when a ticket arrives; its input stays open (it keeps reading) till then.
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!(java.nio.file.Files.exists(session) && java.nio.file.Files.size(session) > 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(java.nio.file.Files.exists(session), () -> "no ticket saved: " + c.describe());
                c.closeInput();
                assertTrue(c.awaitExit(Duration.ofSeconds(30)) != null, c.describe());
            }
            List<String> second = new ArrayList<>(common);
            second.addAll(List.of("-sess_in", session.toString()));
            try (OpenSslProcess c = OpenSslProcess.client(server.port(), second)) {
                assertTrue(c.awaitOutput("Reused, TLSv1.3", Duration.ofSeconds(20)), c::describe);
                c.closeInput();
            }
        }
    }

    private static List<String> verdicts(String text, Pattern p) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

}
