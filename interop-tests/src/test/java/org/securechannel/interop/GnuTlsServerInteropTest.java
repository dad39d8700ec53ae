package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Our client (the CLI, on the engine) against {@code gnutls-serv --echo}. gnutls-serv listens on every address,
 * so each test runs it and our client together in a network namespace of their own that has nothing but
 * loopback ({@code unshare -n}, root only): no address outside this machine is ever listened on. Skipped where
 * unshare or gnutls-serv is unavailable, except in CI, where that is a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GnuTlsServerInteropTest extends OpenSslInteropTest {
    private static final int PORT = 44_433; // inside the namespace: nothing else listens there

    @BeforeAll
    static void toolsAreThere() throws Exception {
        boolean present = new File("/usr/bin/gnutls-serv").canExecute() && new File("/usr/bin/unshare").canExecute()
                && new ProcessBuilder("unshare", "-n", "true").start().waitFor() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("gnutls-serv or an unprivileged-enough unshare is missing in CI");
        }
        Assumptions.assumeTrue(present, "gnutls-serv or unshare -n unavailable here");
    }

    /**
     * The CLI client with {@code version} against gnutls-serv with {@code priority}, both in one fresh namespace.
     * The server's certificate is a self-signed one OpenSSL makes there (GnuTLS refuses our test PKI's EC keys,
     * which leave out the optional public key), and the client trusts exactly it.
     */
    private static String run(KeyType certificate, String priority, String version) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String newKey = certificate == KeyType.RSA_2048 ? "rsa:2048" : "ec -pkeyopt ec_paramgen_curve:P-256";
        String script = String.join("\n",
                "ip link set lo up",
                "dir=$(mktemp -d)",
                "openssl req -x509 -newkey " + newKey + " -nodes -keyout \"$dir/k.pem\" -out \"$dir/c.pem\" -days 1"
                        + " -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null",
                "gnutls-serv --echo -p " + PORT + " --x509certfile \"$dir/c.pem\" --x509keyfile \"$dir/k.pem\""
                        + " --priority '" + priority + "' >\"$dir/serv.log\" 2>&1 &",
                "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/" + PORT + ") 2>/dev/null && break; sleep 0.1; done",
                "printf 'echo through gnutls\\n' | '" + java + "' -cp '" + System.getProperty("java.class.path")
                        + "' org.securechannel.cli.Main client --connect 127.0.0.1:" + PORT + " --servername localhost --cafile"
                        + " \"$dir/c.pem\" " + version + " --timeout 10",
                "status=$?",
                "kill %1 2>/dev/null; [ $status -eq 0 ] || cat \"$dir/serv.log\" >&2; rm -rf \"$dir\"",
                "exit $status");
        Process p = new ProcessBuilder("unshare", "-n", "bash", "-c", script).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "the namespace did not finish");
            return new String(out, StandardCharsets.UTF_8) + "\nexit " + p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "gnutls-serv {1} / our client {2}")
    @CsvSource({
        "EC_P256, NORMAL:-VERS-ALL:+VERS-TLS1.2, --tls1_2, TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "RSA_2048, NORMAL:-VERS-ALL:+VERS-TLS1.2, --tls1_2, TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "EC_P256, NORMAL:-VERS-ALL:+VERS-TLS1.2, , TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "EC_P256, NORMAL, --tls1_3, TLSv1.3, TLS_AES_128_GCM_SHA256",
    })
    void ourClientAgainstGnutlsServ(KeyType certificate, String priority, String version, String expectedProtocol,
            String expectedSuite) throws Exception {
        String out = run(certificate, priority, version == null ? "" : version);
        assertTrue(out.endsWith("exit 0"), out);
        assertTrue(out.contains("echo through gnutls"), out);
        assertTrue(out.contains("Protocol: " + expectedProtocol), out);
        assertTrue(out.contains(expectedSuite), out);
        assertEquals(-1, out.indexOf("Exception"), out);
    }
}
