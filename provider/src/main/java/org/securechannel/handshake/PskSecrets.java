package org.securechannel.handshake;

import java.security.MessageDigest;
import java.util.Arrays;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;

/**
 * The PSK branch of the TLS 1.3 key schedule (RFC 8446 §7.1, §4.2.11.2, §4.6.1) as pure functions of their
 * inputs: what a client needs before it sends a ClientHello with a PSK (early secret, binder), and what a server
 * needs to check that binder and read 0-RTT data, before either has a {@link Tls13KeySchedule} for the
 * connection. The schedule itself then starts from the same PSK. Each call returns a fresh array the caller owns
 * (and wipes); none keeps anything.
 */
public final class PskSecrets {
    /** Whose PSK it is: a ticket of ours ("res binder") or one configured out of band ("ext binder"). */
    public enum Kind {
        RESUMPTION("res binder"), EXTERNAL("ext binder");

        private final String binderLabel;

        Kind(String binderLabel) {
            this.binderLabel = binderLabel;
        }
    }

    private PskSecrets() {
    }

    /** The per-ticket PSK (§4.6.1): HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
    public static byte[] ticketPsk(CryptoBackend crypto, CipherSuite.Hash hash, byte[] resumptionMasterSecret,
            byte[] ticketNonce) {
        return Hkdf.expandLabel(crypto, hash, resumptionMasterSecret, "resumption", ticketNonce, hash.length());
    }

    /** Early Secret = HKDF-Extract(0, PSK). */
    public static byte[] earlySecret(CryptoBackend crypto, CipherSuite.Hash hash, byte[] psk) {
        return crypto.hkdfExtract(hash, null, psk);
    }

    /** binder_key = Derive-Secret(Early Secret, "res binder" | "ext binder", ""). */
    public static byte[] binderKey(CryptoBackend crypto, CipherSuite.Hash hash, byte[] earlySecret, Kind kind) {
        return deriveSecret(crypto, hash, earlySecret, kind.binderLabel, emptyHash(crypto, hash));
    }

    /**
     * The binder (§4.2.11.2): computed as a Finished is (§4.4.4), keyed by {@code binderKey}, over
     * Transcript-Hash(Truncate(ClientHello)) — with a HelloRetryRequest, over the first ClientHello, the HRR and
     * the truncated second ClientHello.
     */
    public static byte[] binder(CryptoBackend crypto, CipherSuite.Hash hash, byte[] binderKey, byte[] truncatedTranscriptHash) {
        byte[] finishedKey = Hkdf.expandLabel(crypto, hash, binderKey, "finished", null, hash.length());
        try {
            return crypto.hmac(hash, finishedKey, truncatedTranscriptHash);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /**
     * Whether {@code received} is the binder these inputs give, compared in constant time. A server that gets
     * false must abort with decrypt_error (§4.2.11).
     */
    public static boolean binderMatches(CryptoBackend crypto, CipherSuite.Hash hash, byte[] binderKey,
            byte[] truncatedTranscriptHash, byte[] received) {
        byte[] expected = binder(crypto, hash, binderKey, truncatedTranscriptHash);
        try {
            return MessageDigest.isEqual(expected, received);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    /** client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello), the 0-RTT key. */
    public static byte[] clientEarlyTrafficSecret(CryptoBackend crypto, CipherSuite.Hash hash, byte[] earlySecret,
            byte[] clientHelloHash) {
        return deriveSecret(crypto, hash, earlySecret, "c e traffic", clientHelloHash);
    }

    /** early_exporter_master_secret = Derive-Secret(Early Secret, "e exp master", ClientHello). */
    public static byte[] earlyExporterMasterSecret(CryptoBackend crypto, CipherSuite.Hash hash, byte[] earlySecret,
            byte[] clientHelloHash) {
        return deriveSecret(crypto, hash, earlySecret, "e exp master", clientHelloHash);
    }

    private static byte[] deriveSecret(CryptoBackend crypto, CipherSuite.Hash hash, byte[] secret, String label,
            byte[] transcriptHash) {
        return Hkdf.expandLabel(crypto, hash, secret, label, transcriptHash, hash.length());
    }

    private static byte[] emptyHash(CryptoBackend crypto, CipherSuite.Hash hash) {
        return crypto.newTranscriptHash(hash).current();
    }
}
