package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys in every format OpenSSL writes by default come back as usable JDK keys. */
class PemFilesTest {
    @TempDir
    Path dir;

    /** Runs openssl (bounded to 30 s); skips the test when it is not installed. */
    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("openssl is not installed");
            return;
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl timed out");
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("openssl.log")));
    }

    /** Signs with the loaded key and verifies with the public key openssl derives: same key, usable by the JDK. */
    private void assertUsable(PrivateKey key, String keyFile, String jdkAlgorithm) throws Exception {
        openssl("pkey", "-in", keyFile, "-pubout", "-out", keyFile + ".pub");
        PublicKey pub;
        try (Reader r = Files.newBufferedReader(dir.resolve(keyFile + ".pub"));
                PEMParser parser = new PEMParser(r)) {
            pub = new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) parser.readObject());
        }
        byte[] message = "key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(jdkAlgorithm);
        s.initSign(key);
        s.update(message);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(jdkAlgorithm);
        v.initVerify(pub);
        v.update(message);
        assertTrue(v.verify(sig));
    }

    @Test
    void ed25519Pkcs8() throws Exception {
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        PrivateKey key = PemFiles.privateKey(dir.resolve("ed.pem"));
        assertTrue(key.getAlgorithm().equalsIgnoreCase("Ed25519") || key.getAlgorithm().equals("EdDSA"),
                key.getAlgorithm());
        assertUsable(key, "ed.pem", "Ed25519");
    }

    @Test
    void ecSec1WithParametersBlock() throws Exception {
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", "ec.pem");
        assertTrue(Files.readString(dir.resolve("ec.pem")).contains("BEGIN EC PARAMETERS"));
        PrivateKey key = PemFiles.privateKey(dir.resolve("ec.pem"));
        assertEquals("EC", key.getAlgorithm());
        assertUsable(key, "ec.pem", "SHA256withECDSA");
    }

    @Test
    void rsaTraditionalPkcs1() throws Exception {
        openssl("genrsa", "-traditional", "-out", "rsa.pem", "2048");
        assertTrue(Files.readString(dir.resolve("rsa.pem")).contains("BEGIN RSA PRIVATE KEY"));
        PrivateKey key = PemFiles.privateKey(dir.resolve("rsa.pem"));
        assertEquals("RSA", key.getAlgorithm());
        assertUsable(key, "rsa.pem", "SHA256withRSA");
    }

    @Test
    void ecPkcs8FromTheJdk() throws Exception {
        LocalCertificates.Issued issued = LocalCertificates.generate();
        Path keyFile = PemTestFiles.write(dir, "key.pem", PemTestFiles.pkcs8(issued.key()));
        PrivateKey key = PemFiles.privateKey(keyFile);
        assertEquals(issued.key(), key);
        Path chain = PemTestFiles.write(dir, "chain.pem", PemTestFiles.certificates(issued.chain()));
        assertEquals(issued.chain(), PemFiles.certificates(chain));
    }

    @Test
    void encryptedKeysAreRefusedClearly() throws Exception {
        openssl("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:secret", "-out", "enc.pem");
        UsageException e = assertThrows(UsageException.class, () -> PemFiles.privateKey(dir.resolve("enc.pem")));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void missingFile() {
        UsageException e = assertThrows(UsageException.class, () -> PemFiles.certificates(dir.resolve("nope.pem")));
        assertTrue(e.getMessage().startsWith("no such file"), e.getMessage());
    }
}
