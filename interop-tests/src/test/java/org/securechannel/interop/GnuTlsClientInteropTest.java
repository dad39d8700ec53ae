package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki.KeyType;

/**
 * {@code gnutls-cli} (GnuTLS, Debian's gnutls-bin, which {@code .ci/run} installs) against our server, forced
 * to TLS 1.2 for each suite and to TLS 1.3, and resuming a TLS 1.2 session ({@code --resume}). The other
 * direction needs {@code gnutls-serv}, which listens on every address and so belongs in a network namespace
 * (the peer-matrix issue). Without gnutls-cli the tests are skipped on a developer machine and fail in CI.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GnuTlsClientInteropTest extends OpenSslInteropTest {
    @BeforeAll
    static void gnutlsCliIsThere() {
        boolean present = new java.io.File("/usr/bin/gnutls-cli").canExecute();
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("gnutls-cli is missing: .ci/run must install gnutls-bin");
        }
        Assumptions.assumeTrue(present, "gnutls-cli not installed (apt-get install gnutls-bin; .ci/run does)");
    }

    /** Our echo server for {@code connections} connections; what each negotiated. */
    private static Future<List<ConnectionInfo>> serve(ServerSocket listener, Credentials credentials, int connections) {
        return inBackground(() -> {
            List<ConnectionInfo> infos = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(IO_TIMEOUT_MILLIS);
                    try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                        stream.handshake();
                        infos.add(stream.context().connectionInfo());
                        for (byte[] data = stream.read(); data != null; data = stream.read()) {
                            stream.write(data);
                        }
                    } catch (IOException peerWentAway) {
                        // gnutls-cli may end a connection without close_notify; the handshake is what counts
                    }
                }
            }
            return infos;
        });
    }

    /** Runs gnutls-cli with {@code input} on its standard input; its whole output. */
    private static String gnutlsCli(int port, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "--x509cafile", caFile.toString(), "--sni-hostname", "localhost",
                "--verify-hostname", "localhost", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        cmd.add("127.0.0.1");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            Future<byte[]> out = inBackground(() -> {
                try (InputStream o = p.getInputStream()) {
                    return o.readAllBytes();
                }
            });
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "gnutls-cli did not finish");
            return new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "gnutls-cli TLS 1.2 {1}")
    @CsvSource({
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE-ECDSA:+AES-128-GCM, EC_P256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ECDHE-RSA:+AES-128-GCM, RSA_2048",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA:+AES-256-GCM, EC_P256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ECDHE-RSA:+AES-256-GCM, RSA_2048",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA:+CHACHA20-POLY1305, EC_P256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ECDHE-RSA:+CHACHA20-POLY1305, RSA_2048",
    })
    void tls12EachSuite(CipherSuite suite, String keyExchangeAndCipher, KeyType type) throws Exception {
        String[] parts = keyExchangeAndCipher.split(":");
        String priority = "NONE:+VERS-TLS1.2:+" + parts[0] + ":" + parts[1] + ":+AEAD:+SIGN-ALL:+GROUP-ALL:+COMP-NULL:+CTYPE-X509";
        try (ServerSocket listener = listen()) {
            Future<List<ConnectionInfo>> served = serve(listener, serverCredentials(type).build(), 1);
            String out = gnutlsCli(listener.getLocalPort(), "echo " + suite + "\n", "--priority", priority);
            assertTrue(out.contains("echo " + suite), out);
            assertTrue(out.contains("- Description: (TLS1.2-"), out);
            ConnectionInfo info = served.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS).get(0);
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(suite, info.cipherSuite());
        }
    }

    @Test
    void tls13ByDefault() throws Exception {
        try (ServerSocket listener = listen()) {
            Future<List<ConnectionInfo>> served = serve(listener, serverCredentials(KeyType.EC_P256).build(), 1);
            String out = gnutlsCli(listener.getLocalPort(), "hello 1.3\n");
            assertTrue(out.contains("hello 1.3"), out);
            assertTrue(out.contains("- Description: (TLS1.3-"), out);
            assertEquals(ProtocolVersion.TLS13, served.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS).get(0).version());
        }
    }

    /** gnutls-cli --resume: a second connection resumes the first one's TLS 1.2 session at our server. */
    @Test
    void tls12SessionResumption() throws Exception {
        try (ServerSocket listener = listen()) {
            Future<List<ConnectionInfo>> served = serve(listener, serverCredentials(KeyType.EC_P256).build(), 2);
            String out = gnutlsCli(listener.getLocalPort(), "", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.2", "--resume");
            assertTrue(out.contains("This is a resumed session"), out);
            List<ConnectionInfo> infos = served.get(IO_TIMEOUT_MILLIS * 4L, TimeUnit.MILLISECONDS);
            assertEquals(List.of(false, true), infos.stream().map(ConnectionInfo::resumed).toList());
        }
    }
}
