package org.securechannel.perf;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** Certificates for the benchmarks, made once per JVM with the provider's own test PKI. */
public final class Pki {
    /** A chain (leaf first, then its CA) with the leaf's key, and the CA to trust. */
    public record Identity(List<X509Certificate> chain, PrivateKey key, X509Certificate root) {
    }

    private Pki() {
    }

    /** A leaf of {@code type} signed by a fresh CA of the same key type, named "localhost". */
    public static Identity issue(KeyType type) {
        TestPki ca = TestPki.ca(type);
        TestPki.Issued issued = ca.issue(type, "localhost");
        return new Identity(issued.chain(), issued.key(), issued.root());
    }
}
