package org.securechannel.handshake.tls13;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.securechannel.codec.AlertException;
import org.securechannel.handshake.SelectedCertificate;

/**
 * Our Certificate message during a handshake (empty request context, no per-certificate extensions) depends on
 * nothing but the chain we present, and a server presents the same chain to every client: encoding it anew each
 * time (a DER copy per certificate from {@code getEncoded()}, the entries, the growing writer) was a few KB of
 * garbage per full handshake. So the encoding is kept per chain, found by the identity of its certificate
 * objects: a key manager or the configured credentials hand out the same X509Certificate objects each time
 * (SunX509 clones only the array), and a key manager that makes new ones just misses and is encoded as before.
 *
 * <p>Safe to share: X509Certificate objects are immutable, the cached bytes are never handed out to be changed
 * (the record layer queues its own copy), and nothing of the connection (transcript, randoms, keys) is in them.
 * Direct-mapped and lock-free: a collision or a race only costs an encoding.
 */
final class OwnCertificateMessages {
    static final int SLOTS = 16;

    private record Entry(List<X509Certificate> chain, byte[] encoded) {
        boolean encodes(List<X509Certificate> c) {
            if (c.size() != chain.size()) {
                return false;
            }
            for (int i = 0; i < c.size(); i++) {
                if (c.get(i) != chain.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(SLOTS);

    private OwnCertificateMessages() {
    }

    /**
     * The encoded handshake Certificate message of {@code certificate} (an empty one when null). The caller only
     * reads the array (transcript, record queue), never changes or keeps it.
     */
    static byte[] encoded(SelectedCertificate certificate) throws AlertException {
        if (certificate == null || certificate.chain().isEmpty()) {
            return PeerCertificates.encode(certificate).encode();
        }
        List<X509Certificate> chain = certificate.chain();
        int slot = (System.identityHashCode(chain.get(0)) * 0x9E3779B9 >>> 28) & (SLOTS - 1);
        Entry e = TABLE.get(slot);
        if (e != null && e.encodes(chain)) {
            return e.encoded;
        }
        byte[] encoded = PeerCertificates.encode(certificate).encode();
        TABLE.set(slot, new Entry(chain, encoded));
        return encoded;
    }
}
