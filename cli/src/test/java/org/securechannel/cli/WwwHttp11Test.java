package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server --www} speaks HTTP/1.1 only, so it never offers h2: curl {@code --http2} and {@code openssl
 * s_client -alpn h2,http/1.1} both end up on http/1.1 and read the page, even when {@code --alpn} asks for h2
 * (the server says at start that it dropped it); a client that offers only h2 is refused with
 * no_application_protocol.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WwwHttp11Test {
    @TempDir
    Path dir;

    private ServerUnderTest www(String... extra) throws Exception {
        LocalCertificates.Issued issued = LocalCertificates.generate();
        Path cert = PemTestFiles.write(dir, "server.pem", PemTestFiles.certificates(issued.chain()));
        Path key = PemTestFiles.write(dir, "server.key", PemTestFiles.pkcs8(issued.key()));
        List<String> args = new ArrayList<>(List.of("--port", "0", "--cert", cert.toString(), "--key", key.toString(),
                "--www", "--timeout", "20"));
        args.addAll(List.of(extra));
        return new ServerUnderTest(args);
    }

    private static ForeignProcess.Result curlHttp2(Path dir, int port) throws Exception {
        // -w prints the HTTP version curl used after the body: "1.1", or "2" had h2 been chosen.
        return ForeignProcess.run(dir, "", List.of("curl", "--http2", "-k", "-sS", "--max-time", "20", "-w",
                "\nhttp_version=%{http_version}\n", "https://127.0.0.1:" + port + "/"));
    }

    private static ForeignProcess.Result sClient(Path dir, int port, String alpn) throws Exception {
        // -ign_eof: read until the server's close_notify rather than quitting when the request has been sent.
        return ForeignProcess.run(dir, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", List.of("openssl", "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-alpn", alpn, "-ign_eof"));
    }

    /** The server logs a connection's end from its own thread: wait for it, bounded. */
    private static String waitForLine(ServerUnderTest server, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.err().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return server.err();
    }

    @Test
    void curlHttp2GetsTheHttp11Page() throws Exception {
        Assumptions.assumeTrue(ForeignProcess.installed("curl"), "curl is not installed (.ci/run installs it)");
        for (String[] alpn : new String[][] {{}, {"--alpn", "h2,http/1.1"}}) {
            try (ServerUnderTest server = www(alpn)) {
                ForeignProcess.Result curl = curlHttp2(dir, server.port());
                assertEquals(0, curl.status(), curl.all() + server.err());
                assertTrue(curl.out().startsWith("SecureChannel test server"), curl.out());
                assertTrue(curl.out().contains("ALPN: http/1.1"), curl.out());
                assertTrue(curl.out().endsWith("http_version=1.1\n"), curl.out());
                if (alpn.length > 0) {
                    assertTrue(server.err().startsWith("--www: not offering h2 (the page is HTTP/1.1 only); ALPN: http/1.1\n"),
                            server.err());
                }
            }
        }
    }

    @Test
    void opensslOfferingH2AndHttp11GetsHttp11() throws Exception {
        Assumptions.assumeTrue(ForeignProcess.installed("openssl"), "openssl is not installed");
        try (ServerUnderTest server = www("--alpn", "h2,http/1.1")) {
            ForeignProcess.Result s = sClient(dir, server.port(), "h2,http/1.1");
            assertEquals(0, s.status(), s.all() + server.err());
            assertTrue(s.out().contains("ALPN protocol: http/1.1"), s.out());
            assertTrue(s.out().contains("HTTP/1.1 200 OK\r\n"), s.out());
            assertTrue(s.out().contains("Connection: close\r\n"), s.out());
            assertTrue(s.out().contains("Request: GET / HTTP/1.1"), s.out());
        }
    }

    @Test
    void aClientOfferingOnlyH2IsRefusedWithNoApplicationProtocol() throws Exception {
        Assumptions.assumeTrue(ForeignProcess.installed("openssl"), "openssl is not installed");
        try (ServerUnderTest server = www()) {
            ForeignProcess.Result s = sClient(dir, server.port(), "h2");
            assertNotEquals(0, s.status(), s.all());
            assertTrue(s.all().contains("no application protocol"), s.all());
            assertFalse(s.out().contains("HTTP/1.1 200 OK"), s.out());
            String serverLog = waitForLine(server, "failed: ");
            assertTrue(serverLog.contains("(--www serves HTTP/1.1 only, so h2 is not offered)"), serverLog);
        }
    }

    @Test
    void theOfferedListDropsH2AndFallsBackToHttp11() {
        StringBuilder notes = new StringBuilder();
        assertEquals(List.of("http/1.1"), WwwPage.applicationProtocols(List.of(), notes));
        assertEquals("", notes.toString(), "nothing dropped, nothing said");
        assertEquals(List.of("http/1.1"), WwwPage.applicationProtocols(List.of("h2"), notes));
        assertTrue(notes.toString().contains("not offering h2"), notes.toString());
        assertEquals(List.of("http/1.1", "x-demo"), WwwPage.applicationProtocols(List.of("h2", "http/1.1", "x-demo"),
                new StringBuilder()));
        assertEquals(List.of("x-demo"), WwwPage.applicationProtocols(List.of("x-demo"), new StringBuilder()));
    }
}
