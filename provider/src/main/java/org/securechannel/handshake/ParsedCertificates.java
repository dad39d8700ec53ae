package org.securechannel.handshake;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Peer certificates already parsed, by their exact DER bytes: a client that meets the same server again (and a
 * server the same client chain) gets the X509Certificate it parsed before without asking the CertificateFactory.
 * The JDK's factory keeps a cache of its own, but reaches it only after reading the stream into fresh buffers
 * (ByteArrayOutputStream, its copy, the encoding): ~5 KB of garbage per chain, the largest share of a full
 * handshake's allocation outside the public-key maths; BoringSSL shares parsed certificates the same way.
 *
 * <p>Safe to share: the key is the whole encoding, compared byte for byte, and a JDK X509Certificate is
 * immutable, so equal bytes give an equal certificate. Nothing about the connection is kept; validation still
 * runs for every handshake through the trust manager. Direct-mapped by hash and lock-free: a collision or a race
 * only evicts an entry, so a peer that sends many different certificates cannot grow it or make others wait.
 */
final class ParsedCertificates {
    /** A few distinct chains' worth: the servers a client talks to most, or a server's frequent client chains. */
    static final int SLOTS = 64;

    private record Entry(byte[] der, X509Certificate certificate) {
    }

    private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(SLOTS);

    private ParsedCertificates() {
    }

    /** The certificate parsed earlier from exactly these bytes, or null. */
    static X509Certificate find(byte[] der) {
        Entry e = TABLE.get(slot(der));
        return e != null && Arrays.equals(e.der, der) ? e.certificate : null;
    }

    /** Remembers {@code certificate} as the parse of {@code der} (copied: the caller's array stays its own). */
    static void keep(byte[] der, X509Certificate certificate) {
        TABLE.set(slot(der), new Entry(der.clone(), certificate));
    }

    private static int slot(byte[] der) {
        int h = Arrays.hashCode(der);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
