package org.securechannel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Test certificates made at test time: a root CA per call to {@link #ca}, leaves it issues, and self-signed
 * certificates. Key pairs are cached per key type (RSA generation is slow); every certificate is fresh.
 * Certificates are JDK {@link X509Certificate} objects, so code under test sees what production sees.
 */
public final class TestPki {

    /** The key types tests need; each implies the signature algorithm the CA uses with it. */
    public enum KeyType { EC_P256, EC_P384, RSA_2048, RSA_PSS_2048, ED25519 }

    /** A leaf chain (leaf first, then the CA; just the leaf when self-signed), its key, and the root to trust. */
    public record Issued(List<X509Certificate> chain, PrivateKey key, X509Certificate root) {
        public Issued {
            chain = List.copyOf(chain);
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /** Extended key usages by their everyday names, so callers need no Bouncy Castle import. */
    public enum Usage {
        SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
        CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),
        CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),
        EMAIL_PROTECTION(KeyPurposeId.id_kp_emailProtection);

        final KeyPurposeId id;

        Usage(KeyPurposeId id) {
            this.id = id;
        }
    }

    /** What {@link #issue(KeyType, Consumer)} may change about a leaf; defaults match {@link #issue(KeyType, String...)}. */
    public static final class LeafOptions {
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();
        private String subject;
        private Instant notBefore;
        private Instant notAfter;
        private List<KeyPurposeId> usages = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);

        private LeafOptions() {
            Instant now = Instant.now();
            notBefore = now.minus(Duration.ofDays(1));
            notAfter = now.plus(Duration.ofDays(30));
        }

        /** SAN entries; IP literals become iPAddress entries. The first name is the subject CN by default. */
        public LeafOptions dnsNames(String... names) {
            dnsNames.addAll(List.of(names));
            return this;
        }

        /** rfc822Name SAN entries. */
        public LeafOptions emails(String... addresses) {
            emails.addAll(List.of(addresses));
            return this;
        }

        /** The subject as an RFC 2253 DN, e.g. {@code "CN=client,O=Example"}. */
        public LeafOptions subject(String dn) {
            this.subject = dn;
            return this;
        }

        public LeafOptions notBefore(Instant instant) {
            this.notBefore = instant;
            return this;
        }

        public LeafOptions notAfter(Instant instant) {
            this.notAfter = instant;
            return this;
        }

        /** Valid from {@code days + 30} days ago until {@code days} days ago: an expired certificate. */
        public LeafOptions expiredDaysAgo(int days) {
            Instant now = Instant.now();
            this.notBefore = now.minus(Duration.ofDays(days + 30L));
            this.notAfter = now.minus(Duration.ofDays(days));
            return this;
        }

        /** Replaces the extended key usages; none at all leaves the extension out. */
        public LeafOptions extendedKeyUsages(KeyPurposeId... ids) {
            this.usages = List.of(ids);
            return this;
        }

        public LeafOptions extendedKeyUsages(Usage... kinds) {
            List<KeyPurposeId> ids = new ArrayList<>();
            for (Usage u : kinds) {
                ids.add(u.id);
            }
            this.usages = List.copyOf(ids);
            return this;
        }

        /** No extendedKeyUsage extension (any use allowed). */
        public LeafOptions noExtendedKeyUsages() {
            this.usages = List.of();
            return this;
        }
    }

    private static final AtomicInteger CA_NUMBER = new AtomicInteger();
    // Serial numbers only need to be unique per issuer; a global counter seeded by the clock is enough.
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis() * 1000);

    private final KeyType keyType;
    private final KeyPair keyPair;
    private final X509Certificate root;

    private TestPki(KeyType keyType, KeyPair keyPair, X509Certificate root) {
        this.keyType = keyType;
        this.keyPair = keyPair;
        this.root = root;
    }

    /** A fresh root CA named "CN=SecureChannel Test CA n". */
    public static TestPki ca(KeyType caKeyType) {
        KeyPair kp = TestKeys.caKeyPair(caKeyType);
        X500Principal name = new X500Principal("CN=SecureChannel Test CA " + CA_NUMBER.incrementAndGet());
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(3650)), kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            return new TestPki(caKeyType, kp, Signing.sign(b, caKeyType, kp.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test CA", e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    /** A leaf for these names (SAN dNSName, or iPAddress for IP literals), serverAuth+clientAuth, 30 days. */
    public Issued issue(KeyType leafType, String... dnsNames) {
        return issue(leafType, o -> o.dnsNames(dnsNames));
    }

    public Issued issue(KeyType leafType, Consumer<LeafOptions> options) {
        LeafOptions o = new LeafOptions();
        options.accept(o);
        KeyPair leaf = TestKeys.leafKeyPair(leafType);
        try {
            X509v3CertificateBuilder b = builder(root.getSubjectX500Principal(), subjectOf(o),
                    o.notBefore, o.notAfter, leaf.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
            addLeafExtensions(b, o, leaf.getPublic(), KeyUsage.digitalSignature, false);
            X509Certificate cert = Signing.sign(b, keyType, keyPair.getPrivate());
            return new Issued(List.of(cert, root), leaf.getPrivate(), root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /**
     * A self-signed certificate for {@code dnsName}. It says CA:true and keyCertSign, like
     * {@code openssl req -x509}, so that OpenSSL and the JDK both accept it as its own trust anchor.
     */
    public static Issued selfSigned(KeyType type, String dnsName) {
        KeyPair kp = TestKeys.selfSignedKeyPair(type);
        LeafOptions o = new LeafOptions().dnsNames(dnsName);
        X500Principal name = subjectOf(o);
        try {
            X509v3CertificateBuilder b = builder(name, name, o.notBefore, o.notAfter, kp.getPublic());
            addLeafExtensions(b, o, kp.getPublic(), KeyUsage.digitalSignature | KeyUsage.keyCertSign, true);
            X509Certificate cert = Signing.sign(b, type, kp.getPrivate());
            return new Issued(List.of(cert), kp.getPrivate(), cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed test certificate", e);
        }
    }

    /** PEM "CERTIFICATE" blocks, in the order given. */
    public static String pem(X509Certificate... certs) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append(pemBlock("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    /** The key as an unencrypted PKCS#8 "PRIVATE KEY" block (JDK keys encode as PKCS#8). */
    public static String pem(PrivateKey key) {
        return pemBlock("PRIVATE KEY", key.getEncoded());
    }

    /** Writes {@code pem} to {@code dir/fileName} and returns the path. */
    public static Path writePem(Path dir, String fileName, String pem) {
        try {
            return Files.writeString(dir.resolve(fileName), pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, Instant notBefore,
            Instant notAfter, PublicKey key) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    private static X500Principal subjectOf(LeafOptions o) {
        if (o.subject != null) {
            return new X500Principal(o.subject);
        }
        String cn = o.dnsNames.isEmpty() ? "SecureChannel Test Leaf" : o.dnsNames.get(0);
        // Build through a one-RDN DN so names with commas or quotes stay one CN value.
        return new X500Principal("CN=" + cn.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+")
                .replace("\"", "\\\"").replace("<", "\\<").replace(">", "\\>").replace(";", "\\;")
                .replace("=", "\\="));
    }

    private static void addLeafExtensions(X509v3CertificateBuilder b, LeafOptions o, PublicKey key, int keyUsage,
            boolean ca) throws CertIOException, java.security.NoSuchAlgorithmException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        b.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
        if (!o.usages.isEmpty()) {
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(o.usages.toArray(new KeyPurposeId[0])));
        }
        List<GeneralName> names = new ArrayList<>();
        for (String n : o.dnsNames) {
            names.add(isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        for (String e : o.emails) {
            names.add(new GeneralName(GeneralName.rfc822Name, e));
        }
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
    }

    /** IPv4 dotted quads and anything with a colon (IPv6) are IP literals; nothing here resolves names. */
    static boolean isIpLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            return true;
        }
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            return InetAddress.getByName(s) != null; // a literal: parsed, never looked up
        } catch (IOException e) {
            return false;
        }
    }
}
