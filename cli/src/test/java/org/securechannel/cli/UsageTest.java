package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage never gets as far as a connection: one line on stderr, exit status 2. */
class UsageTest {
    @TempDir
    Path dir;

    private static final class Run {
        final int status;
        final String out;
        final String err;

        Run(String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            status = Main.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertUsageError(Run run, String expectedText) {
        assertEquals(2, run.status, run.err);
        assertEquals(1, run.err.lines().count(), "exactly one line: " + run.err);
        assertTrue(run.err.contains(expectedText), run.err);
    }

    @Test
    void missingAndUnknownCommands() {
        assertUsageError(new Run(), "missing command");
        assertUsageError(new Run("frobnicate"), "unknown command 'frobnicate'");
        assertUsageError(new Run("demo", "--now"), "demo takes no arguments");
    }

    @Test
    void helpIsNotAnError() {
        Run run = new Run("help");
        assertEquals(0, run.status);
        assertTrue(run.out.contains("--connect HOST:PORT"));
    }

    /** Every subcommand answers --help (or -h) with its own usage and exit status 0, even among other options. */
    @Test
    void everyCommandHasHelp() {
        String[][] cases = {{"client", "--connect HOST:PORT"}, {"server", "--port N"}, {"scan", "HOST:PORT"},
            {"demo", "loopback"}, {"ticket-keys", "rotate"}};
        for (String[] c : cases) {
            for (String flag : new String[] {"--help", "-h"}) {
                Run run = new Run(c[0], "--port", "0", flag);
                assertEquals(0, run.status, c[0] + " " + flag + ": " + run.err);
                assertTrue(run.out.contains(c[1]), c[0] + " " + flag + ": " + run.out);
                assertTrue(run.out.contains("exit status"), run.out);
                assertEquals("", run.err);
            }
        }
        assertTrue(!new Run("client", "--help").out.contains("--port N"), "only the client's own usage");
    }

    /** The server's usage says why --www never offers h2, and where --pkcs12 takes its password from. */
    @Test
    void serverHelpSaysWhyWwwRefusesH2AndWhereThePasswordComesFrom() {
        Run run = new Run("server", "--help");
        String oneLine = run.out.replaceAll("\\s+", " ");
        assertTrue(oneLine.contains("--www answers HTTP/1.1 and so never offers h2 in ALPN"), run.out);
        assertTrue(oneLine.contains("password is the first line of --password-file"), run.out);
        assertTrue(oneLine.contains("each certificate must match its key"), run.out);
    }

    @Test
    void clientOptionErrors() {
        assertUsageError(new Run("client"), "missing --connect");
        assertUsageError(new Run("client", "--connect", "localhost"), "expected HOST:PORT");
        assertUsageError(new Run("client", "--connect", "localhost:99999"), "bad port");
        assertUsageError(new Run("client", "--connect", "localhost:443", "--bogus"), "unknown option --bogus");
        assertUsageError(new Run("client", "--connect"), "--connect needs a value");
        assertUsageError(new Run("client", "--connect", "a:1", "--connect", "b:2"), "only once");
        assertUsageError(new Run("client", "--connect", "localhost:443", "stray"), "unexpected argument 'stray'");
        assertUsageError(new Run("client", "--connect", "localhost:443", "--cafile", dir.resolve("none.pem").toString()),
                "no such file");
        assertUsageError(new Run("client", "--connect", "localhost:443", "--cafile", "x.pem", "--insecure"),
                "exclude each other");
        assertUsageError(new Run("client", "--connect", "localhost:443", "--alpn", "h2,,x"), "empty entry");
    }

    @Test
    void serverOptionErrors() throws Exception {
        assertUsageError(new Run("server"), "missing --port");
        assertUsageError(new Run("server", "--port", "http"), "--port must be a number");
        assertUsageError(new Run("server", "--port", "0", "--client-auth", "sometimes"), "--client-auth must be");
        assertUsageError(new Run("server", "--port", "0", "--cert", "c.pem"), "each --cert needs a --key");
        assertUsageError(new Run("server", "--port", "0", "--www=yes"), "--www takes no value");
        assertUsageError(new Run("server", "--port", "0", "--bind", "example.com"), "--bind takes an IP address");
    }

    @Test
    void unreadableKeyAndCertificateFiles() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64!\n"
                + "-----END PRIVATE KEY-----\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertUsageError(new Run("server", "--port", "0", "--cert", empty.toString(), "--key", garbage.toString()),
                "no certificate found");
        LocalCertificates.Issued issued = LocalCertificates.generate();
        Path cert = PemTestFiles.write(dir, "cert.pem", PemTestFiles.certificates(issued.chain()));
        assertUsageError(new Run("server", "--port", "0", "--cert", cert.toString(), "--key", garbage.toString()),
                "cannot read a private key");
        assertUsageError(new Run("server", "--port", "0", "--cert", cert.toString(), "--key", empty.toString()),
                "no private key found");
    }

    @Test
    void portInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertUsageError(new Run("server", "--port", String.valueOf(taken.getLocalPort())), "port in use");
        }
    }
}
