package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server (and the client) check at start that each --cert is the pair of its --key: one line on standard
 * error naming both files, exit status 2, for RSA, EC and Ed25519 keys that belong to other certificates, keys
 * of another type, and keys on another curve; matching pairs start.
 */
class CertificateKeyMatchTest {
    @TempDir
    static Path dir;

    /** For each type: a certificate file and the two key files, its own ("-own.key") and another's ("-other.key"). */
    private static final Map<SelfSigned.Type, Path[]> FILES = new EnumMap<>(SelfSigned.Type.class);

    @BeforeAll
    static void writeFiles() throws Exception {
        for (SelfSigned.Type type : SelfSigned.Type.values()) {
            KeyPair own = type.generate();
            KeyPair other = type.generate();
            String n = type.name().toLowerCase(java.util.Locale.ROOT);
            FILES.put(type, new Path[] {
                PemTestFiles.write(dir, n + ".pem", PemTestFiles.certificates(List.of(SelfSigned.certificate(type, own)))),
                PemTestFiles.write(dir, n + "-own.key", PemTestFiles.pkcs8(own.getPrivate())),
                PemTestFiles.write(dir, n + "-other.key", PemTestFiles.pkcs8(other.getPrivate()))});
        }
    }

    private record Run(int status, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertMismatch(Path cert, Path key, String why, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--cert", cert.toString(), "--key", key.toString()));
        Run run = run(args.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(cert + " and " + key + " do not match"), run.err());
        assertTrue(run.err().contains(why), run.err());
    }

    @Test
    void aKeyOfAnotherCertificateOfTheSameTypeIsRefused() {
        for (SelfSigned.Type type : SelfSigned.Type.values()) {
            Path[] f = FILES.get(type);
            assertMismatch(f[0], f[2], "is not the pair of that private key", "server", "--port", "0");
        }
    }

    @Test
    void aKeyOfAnotherTypeIsRefused() {
        Path rsaCert = FILES.get(SelfSigned.Type.RSA)[0];
        Path ecKey = FILES.get(SelfSigned.Type.EC_P256)[1];
        assertMismatch(rsaCert, ecKey, "the certificate holds an RSA public key, the key file an EC private key",
                "server", "--port", "0");
        Path edCert = FILES.get(SelfSigned.Type.ED25519)[0];
        Path rsaKey = FILES.get(SelfSigned.Type.RSA)[1];
        assertMismatch(edCert, rsaKey, "an EdDSA public key, the key file an RSA private key", "server", "--port", "0");
    }

    @Test
    void anEcKeyOnAnotherCurveIsRefused() {
        assertMismatch(FILES.get(SelfSigned.Type.EC_P256)[0], FILES.get(SelfSigned.Type.EC_P384)[1],
                "is not the pair of that private key", "server", "--port", "0");
    }

    /** The second pair is checked too, not only the first. */
    @Test
    void everyPairIsCheckedInOrder() {
        Path[] ec = FILES.get(SelfSigned.Type.EC_P256);
        Path[] rsa = FILES.get(SelfSigned.Type.RSA);
        Run run = run("server", "--port", "0", "--cert", ec[0].toString(), "--key", ec[1].toString(), "--cert",
                rsa[0].toString(), "--key", rsa[2].toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(rsa[0] + " and " + rsa[2] + " do not match"), run.err());
    }

    @Test
    void theClientChecksItsPairToo() {
        Path[] ed = FILES.get(SelfSigned.Type.ED25519);
        assertMismatch(ed[0], ed[2], "is not the pair", "client", "--connect", "127.0.0.1:1");
    }

    @Test
    void matchingPairsOfEveryTypeStartTogether() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        for (SelfSigned.Type type : List.of(SelfSigned.Type.RSA, SelfSigned.Type.EC_P256, SelfSigned.Type.ED25519)) {
            Path[] f = FILES.get(type);
            args.addAll(List.of("--cert", f[0].toString(), "--key", f[1].toString()));
        }
        try (ServerUnderTest server = new ServerUnderTest(args)) {
            assertTrue(server.port() > 0);
            assertEquals("", server.err());
        }
    }
}
