package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Live handshakes through the real engine: these fail until SecurityContext's factories are implemented. */
@Tag("engine")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliEndToEndTest {
    @TempDir
    Path dir;

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    @Test
    void demoRunsEndToEnd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"demo"}, new ByteArrayInputStream(new byte[0]), print(out), print(err));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("[client] step"), text);
        assertTrue(text.contains("[server] step"), text);
        assertTrue(text.contains("Protocol: TLSv1.3"), text);
        assertTrue(text.contains("received \"" + DemoCommand.CLIENT_MESSAGE + "\""), text);
        assertTrue(text.contains("received \"" + DemoCommand.SERVER_MESSAGE + "\""), text);
        assertTrue(text.contains("CONTEXT_EXPIRED"), text);
    }

    /** A running server command on 127.0.0.1 with its own certificate files. */
    private final class RunningServer implements AutoCloseable {
        final ServerUnderTest running;
        final ServerCommand server;
        final Path caFile;

        RunningServer(String... extra) throws Exception {
            LocalCertificates.Issued issued = LocalCertificates.generate();
            Path cert = PemTestFiles.write(dir, "server.pem", PemTestFiles.certificates(issued.chain()));
            Path key = PemTestFiles.write(dir, "server.key", PemTestFiles.pkcs8(issued.key()));
            caFile = PemTestFiles.write(dir, "ca.pem", PemTestFiles.certificates(List.of(issued.ca())));
            List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--cert", cert.toString(),
                    "--key", key.toString(), "--timeout", "20"));
            args.addAll(List.of(extra));
            running = new ServerUnderTest(args);
            server = running.server;
        }

        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    private static final class ClientRun {
        final int status;
        final String out;
        final String err;

        ClientRun(String input, String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            String[] all = new String[args.length + 1];
            all[0] = "client";
            System.arraycopy(args, 0, all, 1, args.length);
            status = Main.run(all, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), print(o), print(e));
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void clientAgainstEchoServer() throws Exception {
        try (RunningServer s = new RunningServer("--alpn", "echo/1")) {
            ClientRun run = new ClientRun("ping\n", "--connect", "127.0.0.1:" + s.server.port(), "--servername",
                    "localhost", "--cafile", s.caFile.toString(), "--alpn", "echo/1", "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertEquals("ping\n", run.out);
            assertTrue(run.err.contains("ALPN: echo/1"), run.err);
            assertTrue(run.err.contains("close_notify received"), run.err);
        }
    }

    @Test
    void sessionSavedThenResumedWithEarlyData() throws Exception {
        try (RunningServer s = new RunningServer("--early-data", "4096")) {
            Path session = dir.resolve("session.pem");
            Path early = PemTestFiles.write(dir, "early.txt", "early hello\n");
            String[] common = {"--connect", "127.0.0.1:" + s.server.port(), "--servername", "localhost",
                    "--cafile", s.caFile.toString(), "--timeout", "20"};
            ClientRun first = new ClientRun("one\n", concat(common, "--sess-out", session.toString()));
            assertEquals(0, first.status, first.err);
            assertTrue(first.err.contains("Session: saved to"), first.err);
            assertTrue(java.nio.file.Files.readString(session).startsWith("-----BEGIN SECURECHANNEL SESSION-----"));

            ClientRun second = new ClientRun("two\n", concat(common, "--sess-in", session.toString(), "--early-data",
                    early.toString()));
            assertEquals(0, second.status, second.err);
            assertTrue(second.err.contains("Resumed: yes"), second.err);
            assertTrue(second.err.contains("Early data: accepted"), second.err);
            assertEquals("early hello\ntwo\n", second.out, "the server echoes the 0-RTT data first");

            ClientRun noSession = new ClientRun("x\n", concat(common, "--early-data", early.toString()));
            assertEquals(2, noSession.status, noSession.err);
            assertTrue(noSession.err.contains("--early-data needs --sess-in"), noSession.err);
        }
    }

    @Test
    void earlyDataTheServerDoesNotAcceptIsSentAfterTheHandshake() throws Exception {
        try (RunningServer s = new RunningServer()) {
            Path session = dir.resolve("plain-session.pem");
            Path early = PemTestFiles.write(dir, "early2.txt", "late hello\n");
            String[] common = {"--connect", "127.0.0.1:" + s.server.port(), "--servername", "localhost",
                    "--cafile", s.caFile.toString(), "--timeout", "20"};
            assertEquals(0, new ClientRun("", concat(common, "--sess-out", session.toString())).status);
            ClientRun second = new ClientRun("", concat(common, "--sess-in", session.toString(), "--early-data", early.toString()));
            assertEquals(0, second.status, second.err);
            assertTrue(second.err.contains("Early data: not sent"), second.err);
            assertTrue(second.err.contains("sent after the handshake"), second.err);
            assertEquals("late hello\n", second.out);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void clientAgainstWwwServer() throws Exception {
        try (RunningServer s = new RunningServer("--www")) {
            ClientRun run = new ClientRun("GET / HTTP/1.0\r\n\r\n", "--connect", "127.0.0.1:" + s.server.port(),
                    "--servername", "localhost", "--cafile", s.caFile.toString(), "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertTrue(run.out.startsWith("HTTP/1.1 200 OK\r\n"), run.out);
            assertTrue(run.out.contains("Cipher suite: TLS_"), run.out);
        }
    }

    @Test
    void untrustedServerFailsAndInsecureIsNotAVerifiedExchange() throws Exception {
        try (RunningServer s = new RunningServer()) {
            LocalCertificates.Issued other = LocalCertificates.generate();
            Path wrongCa = PemTestFiles.write(dir, "other-ca.pem", PemTestFiles.certificates(List.of(other.ca())));
            ClientRun untrusted = new ClientRun("x", "--connect", "127.0.0.1:" + s.server.port(), "--servername",
                    "localhost", "--cafile", wrongCa.toString(), "--timeout", "20");
            assertEquals(1, untrusted.status, untrusted.err);
            assertTrue(untrusted.err.contains("handshake failed"), untrusted.err);

            ClientRun insecure = new ClientRun("x", "--connect", "127.0.0.1:" + s.server.port(), "--insecure",
                    "--timeout", "20");
            assertEquals("x", insecure.out);
            assertEquals(1, insecure.status, "exit 0 is only for a verified exchange: " + insecure.err);
        }
    }

    /** --tls1_2 on either side: the other side enables both versions and settles on 1.2. */
    @Test
    void tls12OnEitherSide() throws Exception {
        try (RunningServer s = new RunningServer("--tls1_2", "--www")) {
            ClientRun run = new ClientRun("GET / HTTP/1.0\r\n\r\n", "--connect", "127.0.0.1:" + s.server.port(),
                    "--servername", "localhost", "--cafile", s.caFile.toString(), "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertTrue(run.err.contains("Protocol: TLSv1.2"), run.err);
            assertTrue(run.out.startsWith("HTTP/1.1 200 OK\r\n"), run.out);
        }
        try (RunningServer s = new RunningServer("--alpn", "echo/1")) {
            ClientRun run = new ClientRun("ping over 1.2\n", "--connect", "127.0.0.1:" + s.server.port(), "--servername",
                    "localhost", "--cafile", s.caFile.toString(), "--alpn", "echo/1", "--tls1_2", "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertEquals("ping over 1.2\n", run.out);
            assertTrue(run.err.contains("Protocol: TLSv1.2"), run.err);
            assertTrue(run.err.contains("ALPN: echo/1"), run.err);
        }
    }

    /** The hybrid by default, reported by its IANA name on both sides; --groups narrows either side. */
    @Test
    void groupsDefaultToX25519MlKem768AndFollowGroupsOption() throws Exception {
        try (RunningServer s = new RunningServer("--www")) {
            ClientRun run = new ClientRun("GET / HTTP/1.0\r\n\r\n", "--connect", "127.0.0.1:" + s.server.port(),
                    "--servername", "localhost", "--cafile", s.caFile.toString(), "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertTrue(run.err.contains("Group: X25519MLKEM768"), run.err);
            assertTrue(run.out.contains("Group: X25519MLKEM768"), run.out);
            ClientRun p384 = new ClientRun("GET / HTTP/1.0\r\n\r\n", "--connect", "127.0.0.1:" + s.server.port(),
                    "--servername", "localhost", "--cafile", s.caFile.toString(), "--groups", "secp384r1mlkem1024",
                    "--timeout", "20");
            assertEquals(0, p384.status, p384.err);
            assertTrue(p384.err.contains("Group: SecP384r1MLKEM1024"), p384.err);
        }
        try (RunningServer s = new RunningServer("--www", "--groups", "x25519,secp256r1")) {
            ClientRun run = new ClientRun("GET / HTTP/1.0\r\n\r\n", "--connect", "127.0.0.1:" + s.server.port(),
                    "--servername", "localhost", "--cafile", s.caFile.toString(), "--timeout", "20");
            assertEquals(0, run.status, run.err);
            assertTrue(run.err.contains("Group: x25519"), run.err);
            assertTrue(run.err.contains("HelloRetryRequest: no"), run.err);
        }
        ClientRun unknown = new ClientRun("", "--connect", "127.0.0.1:1", "--groups", "x25519,kyber512");
        assertEquals(2, unknown.status, unknown.err);
        assertTrue(unknown.err.contains("unknown group 'kyber512'"), unknown.err);
    }

    @Test
    void tls12AndTls13TogetherIsBadUsage() {
        ClientRun run = new ClientRun("", "--connect", "127.0.0.1:1", "--tls1_2", "--tls1_3");
        assertEquals(2, run.status, run.err);
        assertTrue(run.err.contains("exclude each other"), run.err);
    }
}
