package org.securechannel.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.context.Credentials;

/** Turns --cert/--key pairs (in order: the first --cert goes with the first --key) into credentials entries. */
final class KeyMaterial {
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
            pairs.add(new Pair(PemFiles.certificates(Path.of(certs.get(i))), PemFiles.privateKey(Path.of(keys.get(i)))));
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
