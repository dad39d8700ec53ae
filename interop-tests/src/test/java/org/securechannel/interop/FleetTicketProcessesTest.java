package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.cli.Main;
import org.securechannel.testing.TestPki.KeyType;

/**
 * A fleet as it runs: {@code securechannel-cli server --ticket-keys FILE} processes (child JVMs) sharing one keyset
 * file. A session {@code openssl s_client} made with the first resumes on the second, in TLS 1.3 (a ticket of RFC
 * 8446) and in TLS 1.2 (an RFC 5077 ticket); after {@code ticket-keys rotate} the old tickets still resume (their key
 * is still enabled), and after {@code ticket-keys retire} they get a full handshake. The server that sees the retired
 * file is started after the change: a running one notices within its poll interval (10 s; TinkTicketSealerTest
 * shows the re-read), which this test does not wait for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetTicketProcessesTest extends OpenSslInteropTest {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    /** A CLI server process; its standard error goes to a file, for the failure message. */
    private record Server(Process process, int port, Path err) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Server server(Path keys, String name) throws IOException {
        Path err = dir.resolve(name + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--port", "0", "--bind", "127.0.0.1", "--cert", certFile(KeyType.EC_P256).toString(), "--key",
                keyFile(KeyType.EC_P256).toString(), "--ticket-keys", keys.toString(), "--timeout", "20")
                .redirectError(err.toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = stdout.readLine(); // the process prints ACCEPT or exits
            assertNotNull(first, () -> read(err));
            Matcher m = ACCEPT.matcher(first);
            assertTrue(m.find(), first);
            return new Server(p, Integer.parseInt(m.group(1)), err);
        } catch (IOException | RuntimeException | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static void ticketKeys(String action, Path keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"ticket-keys", action, keys.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, () -> out.toString(StandardCharsets.UTF_8));
    }

    /**
     * One s_client connection to {@code port} ({@code -sess_out} to {@code session} when {@code save}, else {@code
     * -sess_in} from it); returns its "New, ..." or "Reused, ..." line. The echoed line proves the handshake completed
     * and, in TLS 1.3, that the tickets before it were read.
     */
    private static String sClient(int port, String version, Path session, boolean save) throws Exception {
        List<String> args = new ArrayList<>(List.of(version, "-CAfile", caFile.toString(), "-servername", "localhost",
                "-verify_return_error", save ? "-sess_out" : "-sess_in", session.toString()));
        try (OpenSslProcess client = OpenSslProcess.client(port, args)) {
            client.sendLine("ping");
            expectOutput(client, "ping");
            client.closeInput();
            client.awaitExit(WAIT);
            String line = find(client.stdout(), "((?:New|Reused), TLSv1\\.[23])");
            assertNotNull(line, client::describe);
            if (save) {
                assertTrue(Files.size(session) > 0, () -> "no session saved: " + client.describe());
            }
            return line;
        }
    }

    @Test
    void aFleetSharingOneKeysetFileResumesEachOthersSessionsThroughRotationUntilRetire() throws Exception {
        Path keys = dir.resolve("tickets.json");
        ticketKeys("new", keys);
        Path session13 = dir.resolve("s13.pem");
        Path session12 = dir.resolve("s12.pem");
        try (Server a = server(keys, "a"); Server b = server(keys, "b")) {
            assertEquals("New, TLSv1.3", sClient(a.port, "-tls1_3", session13, true), () -> read(a.err));
            assertEquals("New, TLSv1.2", sClient(a.port, "-tls1_2", session12, true), () -> read(a.err));
            assertEquals("Reused, TLSv1.3", sClient(b.port, "-tls1_3", session13, false), () -> read(b.err));
            assertEquals("Reused, TLSv1.2", sClient(b.port, "-tls1_2", session12, false), () -> read(b.err));

            ticketKeys("rotate", keys); // a new primary key; the one that sealed the saved tickets stays enabled
            try (Server c = server(keys, "c")) {
                assertEquals("Reused, TLSv1.3", sClient(c.port, "-tls1_3", session13, false), () -> read(c.err));
                assertEquals("Reused, TLSv1.2", sClient(c.port, "-tls1_2", session12, false), () -> read(c.err));
            }
        }
        ticketKeys("retire", keys); // keys no longer primary are disabled: the saved tickets' key among them
        try (Server d = server(keys, "d")) {
            assertEquals("New, TLSv1.3", sClient(d.port, "-tls1_3", session13, false), () -> read(d.err));
            assertEquals("New, TLSv1.2", sClient(d.port, "-tls1_2", session12, false), () -> read(d.err));
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
