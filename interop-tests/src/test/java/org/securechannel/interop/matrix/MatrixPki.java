package org.securechannel.interop.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The matrix's certificates, made once per run: for each server key type a CA and a leaf for {@link #HOST}, and a
 * client identity from a CA of its own; as JDK key/trust managers and as PEM files for process peers.
 */
final class MatrixPki {
    /**
     * The name every client sends as SNI and checks the server certificate against. It has a dot: SunJSSE sends
     * no SNI for a single-label name such as "localhost".
     */
    static final String HOST = "server.example";
    private static final char[] PASSWORD = "matrix".toCharArray();

    final Path dir;
    private final Map<KeyType, TestPki.Issued> servers = new EnumMap<>(KeyType.class);
    final TestPki.Issued client;

    MatrixPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        for (KeyType t : new KeyType[] {KeyType.EC_P256, KeyType.RSA_2048, KeyType.ED25519}) {
            TestPki.Issued leaf = TestPki.ca(t).issue(t, HOST);
            servers.put(t, leaf);
            write("server-" + t, leaf);
        }
        this.client = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, "client.example");
        write("client", client);
    }

    /**
     * cert (leaf then CA), key and ca files. The key is rewritten by openssl, which writes the EC public key
     * beside the private key: GnuTLS refuses EC keys without it, and the JDK leaves it out.
     */
    private void write(String name, TestPki.Issued id) throws IOException, InterruptedException {
        TestPki.writePem(dir, name + "-cert.pem", TestPki.pem(id.chain().toArray(new X509Certificate[0])));
        TestPki.writePem(dir, name + "-ca.pem", TestPki.pem(id.root()));
        Path jdkKey = TestPki.writePem(dir, name + "-jdk-key.pem", TestPki.pem(id.key()));
        // EC keys as SEC1 "EC PRIVATE KEY" with the public key: GnuTLS 3.7 reads neither JDK nor OpenSSL PKCS#8 EC keys.
        String tool = id.key().getAlgorithm().equals("EC") ? "ec" : "pkey";
        Process p = new ProcessBuilder("openssl", tool, "-in", jdkKey.toString(), "-out", key(name).toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            Files.copy(jdkKey, key(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    TestPki.Issued server(KeyType type) {
        return servers.get(type);
    }

    Path cert(String name) {
        return dir.resolve(name + "-cert.pem");
    }

    Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    Path ca(String name) {
        return dir.resolve(name + "-ca.pem");
    }

    static String serverName(KeyType type) {
        return "server-" + type;
    }

    static KeyManager[] keyManagers(TestPki.Issued identity) throws Exception {
        return keyManagers(identity, KeyManagerFactory.getInstance("PKIX"));
    }

    /** The identity through {@code kmf} (BCJSSE asks its key manager with key type names of its own). */
    static KeyManager[] keyManagers(TestPki.Issued identity, KeyManagerFactory kmf) throws Exception {
        if (identity == null) {
            return new KeyManager[0];
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("identity", identity.key(), PASSWORD, identity.chain().toArray(new X509Certificate[0]));
        kmf.init(ks, PASSWORD);
        return kmf.getKeyManagers();
    }

    static TrustManager[] trustManagers(X509Certificate anchor) throws Exception {
        return trustManagers(anchor, TrustManagerFactory.getInstance("PKIX"));
    }

    /** Trust in {@code anchor} through {@code tmf} (Conscrypt needs its own: the JDK's refuses its authType GENERIC). */
    static TrustManager[] trustManagers(X509Certificate anchor, TrustManagerFactory tmf) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("anchor", anchor);
        tmf.init(ts);
        return tmf.getTrustManagers();
    }
}
