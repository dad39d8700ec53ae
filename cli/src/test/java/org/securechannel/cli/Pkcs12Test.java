package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pkcs12 FILE --password-file FILE}: a key store made by the running JDK's keytool serves curl (a
 * foreign client that verifies the chain), one made with the KeyStore API gives the client its certificate for
 * client authentication, and a wrong password, a missing password file or a mismatched entry is one line and
 * exit status 2.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Pkcs12Test {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path passwordFile(String text) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "password", ".txt"), text, StandardCharsets.UTF_8);
    }

    /** keytool -genkeypair ... -storetype PKCS12, as the README shows, from the JDK running this test. */
    private Path keytoolStore() throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ForeignProcess.Result made = ForeignProcess.run(dir, "", List.of(keytool, "-genkeypair", "-alias", "localhost",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost",
                "-validity", "30", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        assertEquals(0, made.status(), made.all());
        return store;
    }

    private Path storeWith(String name, List<X509Certificate> chain, java.security.PrivateKey key) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("me", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
        Path store = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(store)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return store;
    }

    private static X509Certificate certificateIn(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return (X509Certificate) ks.getCertificate("localhost");
    }

    @Test
    void aKeytoolStoreServesCurlWhichVerifiesIt() throws Exception {
        Assumptions.assumeTrue(ForeignProcess.installed("curl"), "curl is not installed (.ci/run installs it)");
        Path store = keytoolStore();
        Path trusted = PemTestFiles.write(dir, "trusted.pem", PemTestFiles.certificates(List.of(certificateIn(store))));
        try (ServerUnderTest server = new ServerUnderTest(List.of("--port", "0", "--pkcs12", store.toString(),
                "--password-file", passwordFile(PASSWORD + "\n").toString(), "--www", "--timeout", "20"))) {
            ForeignProcess.Result curl = ForeignProcess.run(dir, "", List.of("curl", "-sS", "--max-time", "20",
                    "--cacert", trusted.toString(), "--resolve", "localhost:" + server.port() + ":127.0.0.1",
                    "https://localhost:" + server.port() + "/"));
            assertEquals(0, curl.status(), curl.all() + server.err());
            assertTrue(curl.out().startsWith("SecureChannel test server"), curl.out());
            assertTrue(curl.out().contains("Server signature: ecdsa_secp256r1_sha256"), curl.out());
        }
    }

    @Test
    void theClientAuthenticatesWithAKeyStore() throws Exception {
        LocalCertificates.Issued serverId = LocalCertificates.generate();
        LocalCertificates.Issued clientId = LocalCertificates.generate();
        Path serverStore = storeWith("server.p12", serverId.chain(), serverId.key());
        Path clientStore = storeWith("client.p12", clientId.chain(), clientId.key());
        Path clientCa = PemTestFiles.write(dir, "client-ca.pem", PemTestFiles.certificates(List.of(clientId.ca())));
        Path serverCa = PemTestFiles.write(dir, "server-ca.pem", PemTestFiles.certificates(List.of(serverId.ca())));
        Path password = passwordFile(PASSWORD + "\r\nthe second line is not the password\n");
        try (ServerUnderTest server = new ServerUnderTest(List.of("--port", "0", "--pkcs12", serverStore.toString(),
                "--password-file", password.toString(), "--client-auth", "required", "--client-ca", clientCa.toString(),
                "--www", "--timeout", "20"))) {
            Run with = run("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "client", "--connect", "127.0.0.1:" + server.port(),
                    "--servername", "localhost", "--cafile", serverCa.toString(), "--pkcs12", clientStore.toString(),
                    "--password-file", password.toString(), "--timeout", "20");
            assertEquals(0, with.status(), with.err() + server.err());
            assertTrue(with.out().contains("Client certificate: CN=localhost"), with.out());
            assertTrue(with.out().contains("issued by: " + clientId.ca().getSubjectX500Principal().getName()), with.out());

            Run without = run("GET / HTTP/1.1\r\n\r\n", "client", "--connect", "127.0.0.1:" + server.port(),
                    "--servername", "localhost", "--cafile", serverCa.toString(), "--timeout", "20");
            assertEquals(1, without.status(), "required client auth: " + without.err());
        }
    }

    @Test
    void aWrongPasswordIsOneLineAndExitTwo() throws Exception {
        LocalCertificates.Issued id = LocalCertificates.generate();
        Path store = storeWith("server.p12", id.chain(), id.key());
        Path wrong = passwordFile("not-the-password\n");
        Run run = run("", "server", "--port", "0", "--pkcs12", store.toString(), "--password-file", wrong.toString());
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("wrong password for " + store + " (the first line of " + wrong + ")"), run.err());
    }

    @Test
    void usageErrors() throws Exception {
        LocalCertificates.Issued id = LocalCertificates.generate();
        Path store = storeWith("server.p12", id.chain(), id.key());
        Path password = passwordFile(PASSWORD);
        String[][] cases = {
            {"--pkcs12 needs --password-file", "--pkcs12", store.toString()},
            {"--password-file goes with --pkcs12", "--password-file", password.toString()},
            {"no such file: " + dir.resolve("none.p12"), "--pkcs12", dir.resolve("none.p12").toString(), "--password-file",
                password.toString()},
            {"cannot read " + password + " as a PKCS#12 key store", "--pkcs12", password.toString(), "--password-file",
                password.toString()}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "server";
            args[1] = "--port=0";
            System.arraycopy(c, 1, args, 2, c.length - 1);
            Run run = run("", args);
            assertEquals(2, run.status(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains(c[0]), c[0] + " in " + run.err());
        }
    }

    /** A key store whose entry pairs a certificate with another key is refused like a PEM pair. */
    @Test
    void aMismatchedEntryIsRefused() throws Exception {
        KeyPair keys = SelfSigned.Type.EC_P256.generate();
        KeyPair other = SelfSigned.Type.EC_P256.generate();
        Path store = storeWith("mixed.p12", List.of(SelfSigned.certificate(SelfSigned.Type.EC_P256, keys)),
                other.getPrivate());
        Run run = run("", "server", "--port", "0", "--pkcs12", store.toString(), "--password-file",
                passwordFile(PASSWORD).toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(store + " (entry 'me') certificate and its key do not match"), run.err());
    }

    @Test
    void thePasswordIsTheFirstLineWithoutItsEnding() throws Exception {
        assertArrayEquals("pw".toCharArray(), Pkcs12Files.password(passwordFile("pw\n")));
        assertArrayEquals("pw".toCharArray(), Pkcs12Files.password(passwordFile("pw\r\nsecond\n")));
        assertArrayEquals("pw ".toCharArray(), Pkcs12Files.password(passwordFile("pw ")), "spaces are the password's");
        assertArrayEquals("pässwörd".toCharArray(), Pkcs12Files.password(passwordFile("pässwörd\n")));
        assertArrayEquals(new char[0], Pkcs12Files.password(passwordFile("")));
    }
}
