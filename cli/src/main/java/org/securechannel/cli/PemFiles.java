package org.securechannel.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files: PKCS#8 "PRIVATE KEY" and the traditional OpenSSL
 * forms ("RSA PRIVATE KEY" PKCS#1, "EC PRIVATE KEY" SEC1) for RSA, EC and Ed25519. Keys come back as JDK
 * key objects (the converter uses the JDK's KeyFactory), which is what the engine's JDK crypto expects.
 */
final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate in the file, in file order (leaf first for a chain file). */
    static List<X509Certificate> certificates(Path file) throws UsageException {
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser parser = new PEMParser(open(file))) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder) {
                    byte[] der = ((X509CertificateHolder) o).getEncoded();
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new UsageException("cannot read certificates from " + file + ": " + oneLine(e), e);
        }
        if (certs.isEmpty()) {
            throw new UsageException("no certificate found in " + file);
        }
        return certs;
    }

    /** The one unencrypted private key in the file. */
    static PrivateKey privateKey(Path file) throws UsageException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(open(file))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair) {
                    return converter.getKeyPair((PEMKeyPair) o).getPrivate();
                }
                if (o instanceof PrivateKeyInfo) {
                    return converter.getPrivateKey((PrivateKeyInfo) o);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new UsageException("the key in " + file + " is encrypted; give an unencrypted key");
                }
                // Anything else ("EC PARAMETERS" from openssl ecparam -genkey, certificates) is skipped.
            }
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read a private key from " + file + ": " + oneLine(e), e);
        }
        throw new UsageException("no private key found in " + file);
    }

    private static Reader open(Path file) throws UsageException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot open " + file + ": " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
