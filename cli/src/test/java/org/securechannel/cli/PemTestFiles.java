package org.securechannel.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text for tests (the cli module has no TestPki: it does not depend on the provider's test-jar). */
final class PemTestFiles {
    private PemTestFiles() {
    }

    static String certificates(List<X509Certificate> certs) throws Exception {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certs) {
            b.append(block("CERTIFICATE", c.getEncoded()));
        }
        return b.toString();
    }

    static String pkcs8(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
