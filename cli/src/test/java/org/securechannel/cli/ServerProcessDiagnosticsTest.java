package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server command as a process, as a user runs it: --keylog and --trace, a summary line per connection, and on
 * SIGTERM a graceful stop that says how many connections it served. Our client against it with --keylog,
 * --showcerts and --trace; both key logs hold the same secrets, and no trace line holds one.
 */
class ServerProcessDiagnosticsTest {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run client(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "client";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keylogTraceSummaryLinesAndAGracefulStopOnSigterm() throws Exception {
        LocalCertificates.Issued issued = LocalCertificates.generate();
        Path cert = PemTestFiles.write(dir, "server.pem", PemTestFiles.certificates(issued.chain()));
        Path key = PemTestFiles.write(dir, "server.key", PemTestFiles.pkcs8(issued.key()));
        Path ca = PemTestFiles.write(dir, "ca.pem", PemTestFiles.certificates(List.of(issued.ca())));
        Path serverKeys = dir.resolve("server-keys.log");
        Path clientKeys = dir.resolve("client-keys.log");
        Path serverErr = dir.resolve("server.err");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "server", "--port", "0", "--cert", cert.toString(), "--key", key.toString(), "--keylog",
                serverKeys.toString(), "--trace", "--timeout", "20")
                .redirectError(serverErr.toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = stdout.readLine(); // bounded: the process prints ACCEPT or exits
            assertNotNull(first, () -> read(serverErr));
            Matcher m = ACCEPT.matcher(first);
            assertTrue(m.find(), first);
            String port = m.group(1);

            Run tls13 = client("hello\n", "--connect", "127.0.0.1:" + port, "--servername", "localhost", "--cafile",
                    ca.toString(), "--keylog", clientKeys.toString(), "--showcerts", "--trace", "--timeout", "20");
            assertEquals(0, tls13.status(), tls13.err());
            assertTrue(tls13.out().startsWith("0 s:"), tls13.out());
            assertTrue(tls13.out().contains("-----BEGIN CERTIFICATE-----"), tls13.out());
            assertTrue(tls13.out().endsWith("hello\n"), tls13.out());
            assertTrue(tls13.err().contains("sent CLIENT_HELLO"), tls13.err());
            assertTrue(tls13.err().contains("received SERVER_HELLO"), tls13.err());
            assertTrue(tls13.err().contains("handshake complete: TLSv1.3"), tls13.err());
            Run tls12 = client("again\n", "--connect", "127.0.0.1:" + port, "--servername", "localhost", "--cafile",
                    ca.toString(), "--keylog", clientKeys.toString(), "--tls1_2", "--timeout", "20");
            assertEquals(0, tls12.status(), tls12.err());

            // Both connections have ended: the server's summary lines are out before we signal it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (count(read(serverErr), "closed 127.0.0.1:") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops within 30 s of SIGTERM");
            String err = read(serverErr);
            assertTrue(err.contains("shutting down: 2 connections served"), err);
            List<String> summaries = lines(err, "closed 127.0.0.1:");
            assertEquals(2, summaries.size(), err);
            // Each connection's thread prints its own line as it ends: the first may be slower to print than the second.
            assertEquals(1, summaries.stream().filter(l -> l.matches("closed 127\\.0\\.0\\.1:\\d+: TLSv1\\.3 "
                    + "TLS_AES_128_GCM_SHA256 \\S+ resumed=no duration=\\d+ms bytes_in=6 bytes_out=6")).count(), err);
            assertEquals(1, summaries.stream().filter(l -> l.matches("closed 127\\.0\\.0\\.1:\\d+: TLSv1\\.2 "
                    + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 x25519 resumed=no duration=\\d+ms bytes_in=6 bytes_out=6"))
                    .count(), err);
            assertTrue(err.contains("received CLIENT_HELLO"), "--trace shows the server's messages: " + err);

            List<String> ours = Files.readAllLines(clientKeys);
            List<String> theirs = Files.readAllLines(serverKeys);
            assertEquals(6, ours.size(), ours.toString()); // five TLS 1.3 secrets, one TLS 1.2 master secret
            assertEquals(new java.util.HashSet<>(ours), new java.util.HashSet<>(theirs));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(serverKeys)));
            for (String line : ours) {
                String secret = line.substring(line.lastIndexOf(' ') + 1);
                assertFalse(err.toLowerCase().contains(secret), "a secret in the server's trace");
                assertFalse(tls13.err().toLowerCase().contains(secret), "a secret in the client's trace");
            }
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static int count(String text, String prefix) {
        return lines(text, prefix).size();
    }

    private static List<String> lines(String text, String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
