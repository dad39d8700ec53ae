package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.Issued;
import org.securechannel.testing.TestPki.KeyType;

/** OpenSSL against OpenSSL through the harness: proves it works without our engine. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void sServerAndSClientTalkThroughTheHarness() throws Exception {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        Issued issued = ca.issue(KeyType.EC_P256, "localhost");
        Path cert = TestPki.writePem(dir, "server.pem", TestPki.pem(issued.chain().toArray(new X509Certificate[0])));
        Path key = TestPki.writePem(dir, "server.key", TestPki.pem(issued.key()));
        Path caFile = TestPki.writePem(dir, "ca.pem", TestPki.pem(ca.root()));

        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", cert.toString(), "-key", key.toString(),
                "-tls1_3", "-groups", "X25519", "-ciphersuites", "TLS_AES_256_GCM_SHA384", "-alpn", "demo/1"))) {
            assertTrue(server.port() > 0, server.describe());
            try (OpenSslProcess client = OpenSslProcess.client(server.port(), List.of("-servername", "localhost",
                    "-CAfile", caFile.toString(), "-verify_return_error", "-tls1_3", "-alpn", "demo/1"))) {
                assertTrue(client.awaitOutput("Verify return code: 0 (ok)", WAIT), client.describe());
                assertTrue(client.awaitOutput("TLS_AES_256_GCM_SHA384", WAIT), client.describe());
                assertTrue(client.awaitOutput("ALPN protocol: demo/1", WAIT), client.describe());

                client.sendLine("hello from s_client");
                assertTrue(server.awaitOutput("hello from s_client", WAIT), server.describe());
                server.sendLine("hello from s_server");
                assertTrue(client.awaitOutput("hello from s_server", WAIT), client.describe());

                client.sendLine("k"); // s_client's command letter: send a KeyUpdate
                assertTrue(client.awaitOutput("KEYUPDATE", WAIT), client.describe());
                client.sendLine("after the key update");
                assertTrue(server.awaitOutput("after the key update", WAIT), server.describe());

                client.closeInput(); // EOF on stdin: s_client closes the connection and exits
                assertEquals(0, client.awaitExit(WAIT), client.describe());
            }
        }
    }

    @Test
    void unknownCaFailsVerification() throws Exception {
        Issued issued = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, "localhost");
        Path cert = TestPki.writePem(dir, "s.pem", TestPki.pem(issued.chain().toArray(new X509Certificate[0])));
        Path key = TestPki.writePem(dir, "s.key", TestPki.pem(issued.key()));
        Path otherCa = TestPki.writePem(dir, "other.pem", TestPki.pem(TestPki.ca(KeyType.EC_P256).root()));
        try (OpenSslProcess server = OpenSslProcess.server(List.of("-cert", cert.toString(), "-key", key.toString(),
                "-tls1_3"));
                OpenSslProcess client = OpenSslProcess.client(server.port(), List.of("-servername", "localhost",
                        "-CAfile", otherCa.toString(), "-verify_return_error", "-tls1_3"))) {
            assertTrue(client.awaitOutput("unable to get local issuer certificate", WAIT), client.describe());
            Integer exit = client.awaitExit(WAIT);
            assertTrue(exit != null && exit != 0, client.describe());
        }
    }
}
