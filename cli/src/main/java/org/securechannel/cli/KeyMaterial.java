package org.securechannel.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.securechannel.context.Credentials;

/**
 * Turns --cert/--key pairs (in order: the first --cert goes with the first --key) and a --pkcs12 key store into
 * credentials entries, each checked at once: a certificate whose public key is not its private key's pair is a
 * usage error naming both, rather than handshakes that fail later.
 */
final class KeyMaterial {
    static final String PKCS12 = "--pkcs12";
    static final String PASSWORD_FILE = "--password-file";
    /** The options this class reads, for each command's list of flags. */
    static final Set<String> VALUE_FLAGS = Set.of("--cert", "--key", PKCS12, PASSWORD_FILE);

    record Pair(List<X509Certificate> chain, PrivateKey key) {
    }

    private KeyMaterial() {
    }

    static List<Pair> read(Args args) throws UsageException {
        List<String> certs = args.values("--cert");
        List<String> keys = args.values("--key");
        if (certs.size() != keys.size()) {
            throw new UsageException("each --cert needs a --key (got " + certs.size() + " --cert and "
                    + keys.size() + " --key)");
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) {
            Path certFile = Path.of(certs.get(i));
            Path keyFile = Path.of(keys.get(i));
            List<X509Certificate> chain = PemFiles.certificates(certFile);
            PrivateKey key = PemFiles.privateKey(keyFile);
            CertificateKeyMatch.check(chain.get(0), key, certFile.toString(), keyFile.toString());
            pairs.add(new Pair(chain, key));
        }
        pairs.addAll(pkcs12(args));
        return pairs;
    }

    private static List<Pair> pkcs12(Args args) throws UsageException {
        String store = args.value(PKCS12, null);
        String passwordFile = args.value(PASSWORD_FILE, null);
        if (store == null && passwordFile == null) {
            return List.of();
        }
        if (store == null) {
            throw new UsageException(PASSWORD_FILE + " goes with " + PKCS12 + " (the password of that key store)");
        }
        if (passwordFile == null) {
            throw new UsageException(PKCS12 + " needs " + PASSWORD_FILE + " FILE (its first line is the password)");
        }
        List<Pair> pairs = new ArrayList<>();
        for (Pkcs12Files.Entry e : Pkcs12Files.read(Path.of(store), Path.of(passwordFile))) {
            String source = store + " (entry '" + e.alias() + "')";
            CertificateKeyMatch.check(e.chain().get(0), e.key(), source + " certificate", "its key");
            pairs.add(new Pair(e.chain(), e.key()));
        }
        return pairs;
    }

    static void addTo(Credentials.Builder builder, List<Pair> pairs) throws UsageException {
        for (Pair p : pairs) {
            try {
                builder.certificate(p.chain(), p.key());
            } catch (IllegalArgumentException e) {
                throw new UsageException("unusable certificate or key: " + e.getMessage());
            }
        }
    }
}
