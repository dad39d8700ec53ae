package org.securechannel.handshake;

import java.util.Arrays;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1), one per connection: Early Secret, then Handshake Secret and
 * its traffic secrets after ServerHello, then Master Secret and its application, exporter and resumption
 * secrets. Each step must follow the one before; every secret handed out is a copy.
 */
public final class Tls13KeySchedule {
    private final CryptoBackend crypto;
    private final CipherSuite suite;
    private final CipherSuite.Hash hash;
    private final byte[] emptyHash;

    private byte[] earlySecret;
    private byte[] handshakeSecret;
    private byte[] clientHandshakeTraffic;
    private byte[] serverHandshakeTraffic;
    private byte[] masterSecret;
    private byte[] clientApplicationTraffic;
    private byte[] serverApplicationTraffic;
    private byte[] exporterMaster;
    private byte[] resumptionMaster;
    /** early_exporter_master_secret, when 0-RTT was offered on this schedule's PSK. */
    private byte[] earlyExporterMaster;
    private HandshakeObserver observer = HandshakeObserver.NONE;
    private byte[] clientRandom;

    /** A full handshake: the PSK input is HashLen zero bytes. */
    public Tls13KeySchedule(CryptoBackend crypto, CipherSuite suite) {
        this(crypto, suite, null);
    }

    /** A handshake with a PSK (resumption or external); null means no PSK. */
    public Tls13KeySchedule(CryptoBackend crypto, CipherSuite suite, byte[] psk) {
        this.crypto = crypto;
        this.suite = suite;
        this.hash = suite.hash();
        this.emptyHash = EMPTY_HASHES[hash.ordinal()];
        byte[] ikm = psk == null ? new byte[hash.length()] : psk;
        this.earlySecret = crypto.hkdfExtract(hash, null, ikm);
    }

    /**
     * Reports every traffic and exporter secret this schedule derives from now on to {@code observer} under its
     * NSS key log label, for the connection named by {@code clientRandom} (the ClientHello's random).
     */
    public Tls13KeySchedule observedBy(HandshakeObserver observer, byte[] clientRandom) {
        this.observer = observer == null ? HandshakeObserver.NONE : observer;
        this.clientRandom = clientRandom.clone();
        return this;
    }

    private void report(String label, byte[] secret) {
        if (observer.wantsSecrets()) {
            observer.secret(label, clientRandom, secret);
        }
    }

    /** Hash("") per hash function: a constant, so not recomputed for every connection. Never handed out. */
    private static final byte[][] EMPTY_HASHES = emptyHashes();

    private static byte[][] emptyHashes() {
        CipherSuite.Hash[] hashes = CipherSuite.Hash.values();
        byte[][] out = new byte[hashes.length][];
        for (CipherSuite.Hash h : hashes) {
            try {
                out[h.ordinal()] = java.security.MessageDigest.getInstance(h.jcaName()).digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return out;
    }

    private byte[] hashOf(byte[] data) {
        var t = crypto.newTranscriptHash(hash);
        t.update(data);
        return t.current();
    }

    /** HKDF-Expand-Label with the "tls13 " prefix; the real implementation is shared with the record layer. */
    public static byte[] expandLabel(CryptoBackend crypto, CipherSuite.Hash hash, byte[] secret, String label,
            byte[] context, int length) {
        return Hkdf.expandLabel(crypto, hash, secret, label, context, length);
    }

    /** Derive-Secret(Secret, Label, Messages) given the transcript hash of Messages. */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return Hkdf.expandLabel(crypto, hash, secret, label, transcriptHash, hash.length());
    }

    /** binder_key ("ext binder" or "res binder") from the Early Secret, for PSK binders. */
    public byte[] binderKey(boolean resumption) {
        return deriveSecret(require(earlySecret, "early secret"), resumption ? "res binder" : "ext binder",
                emptyHash);
    }

    /** client_early_traffic_secret for 0-RTT, from the ClientHello hash. */
    public byte[] clientEarlyTrafficSecret(byte[] clientHelloHash) {
        byte[] secret = deriveSecret(require(earlySecret, "early secret"), "c e traffic", clientHelloHash);
        report("CLIENT_EARLY_TRAFFIC_SECRET", secret);
        return secret;
    }

    /**
     * 0-RTT (§7.1): keeps early_exporter_master_secret for {@link #exportEarlyKeyingMaterial} and returns
     * client_early_traffic_secret, both from the hash of the ClientHello that offered the PSK.
     */
    public byte[] deriveEarlySecrets(byte[] clientHelloHash) {
        wipe(earlyExporterMaster);
        earlyExporterMaster = deriveSecret(require(earlySecret, "early secret"), "e exp master", clientHelloHash);
        report("EARLY_EXPORTER_SECRET", earlyExporterMaster);
        return clientEarlyTrafficSecret(clientHelloHash);
    }

    /** After ServerHello: Handshake Secret and both handshake traffic secrets. */
    public void deriveHandshakeSecrets(byte[] sharedSecret, byte[] helloHash) {
        byte[] derived = deriveSecret(require(earlySecret, "early secret"), "derived", emptyHash);
        handshakeSecret = crypto.hkdfExtract(hash, derived, sharedSecret);
        Arrays.fill(derived, (byte) 0);
        clientHandshakeTraffic = deriveSecret(handshakeSecret, "c hs traffic", helloHash);
        serverHandshakeTraffic = deriveSecret(handshakeSecret, "s hs traffic", helloHash);
        report("CLIENT_HANDSHAKE_TRAFFIC_SECRET", clientHandshakeTraffic);
        report("SERVER_HANDSHAKE_TRAFFIC_SECRET", serverHandshakeTraffic);
        // The Early Secret has no further use once the Handshake Secret exists.
        wipe(earlySecret);
        earlySecret = null;
    }

    public byte[] clientHandshakeTrafficSecret() {
        return copy(clientHandshakeTraffic, "client handshake traffic secret");
    }

    public byte[] serverHandshakeTrafficSecret() {
        return copy(serverHandshakeTraffic, "server handshake traffic secret");
    }

    /** After the server Finished: Master Secret, application traffic secrets 0 and the exporter secret. */
    public void deriveApplicationSecrets(byte[] serverFinishedHash) {
        byte[] derived = deriveSecret(require(handshakeSecret, "handshake secret"), "derived", emptyHash);
        masterSecret = crypto.hkdfExtract(hash, derived, new byte[hash.length()]);
        Arrays.fill(derived, (byte) 0);
        clientApplicationTraffic = deriveSecret(masterSecret, "c ap traffic", serverFinishedHash);
        serverApplicationTraffic = deriveSecret(masterSecret, "s ap traffic", serverFinishedHash);
        exporterMaster = deriveSecret(masterSecret, "exp master", serverFinishedHash);
        report("CLIENT_TRAFFIC_SECRET_0", clientApplicationTraffic);
        report("SERVER_TRAFFIC_SECRET_0", serverApplicationTraffic);
        report("EXPORTER_SECRET", exporterMaster);
        wipe(handshakeSecret);
        handshakeSecret = null;
    }

    public byte[] clientApplicationTrafficSecret() {
        return copy(clientApplicationTraffic, "client application traffic secret");
    }

    public byte[] serverApplicationTrafficSecret() {
        return copy(serverApplicationTraffic, "server application traffic secret");
    }

    public byte[] exporterMasterSecret() {
        return copy(exporterMaster, "exporter master secret");
    }

    /**
     * After the client Finished: the resumption master secret for tickets. This is the schedule's last step,
     * so it also forgets what no later message needs: the Master Secret, the handshake traffic secrets (both
     * Finished are done) and application traffic secrets 0 (handed out already; the handshake keeps the
     * generation in use for KeyUpdate). What an idle connection keeps is the exporter and resumption secrets.
     */
    public void deriveResumptionMasterSecret(byte[] clientFinishedHash) {
        resumptionMaster = deriveSecret(require(masterSecret, "master secret"), "res master", clientFinishedHash);
        wipe(masterSecret);
        wipe(clientHandshakeTraffic);
        wipe(serverHandshakeTraffic);
        wipe(clientApplicationTraffic);
        wipe(serverApplicationTraffic);
        masterSecret = clientHandshakeTraffic = serverHandshakeTraffic = null;
        clientApplicationTraffic = serverApplicationTraffic = null;
    }

    public byte[] resumptionMasterSecret() {
        return copy(resumptionMaster, "resumption master secret");
    }

    /** The PSK of a ticket (§4.6.1): HKDF-Expand-Label(resumption_master_secret, "resumption", nonce, HashLen). */
    public byte[] resumptionPsk(byte[] ticketNonce) {
        return Hkdf.expandLabel(crypto, hash, require(resumptionMaster, "resumption master secret"), "resumption",
                ticketNonce, hash.length());
    }

    /** Finished verify_data (§4.4.4) keyed from {@code baseKey}, a handshake traffic secret. */
    public byte[] finishedVerifyData(byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = Hkdf.expandLabel(crypto, hash, baseKey, "finished", null, hash.length());
        try {
            return crypto.hmac(hash, finishedKey, transcriptHash);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /** application_traffic_secret_N+1 (§7.2) for KeyUpdate. */
    public byte[] nextApplicationTrafficSecret(byte[] current) {
        return Hkdf.expandLabel(crypto, hash, current, "traffic upd", null, hash.length());
    }

    /**
     * TLS-Exporter (§7.5): HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter",
     * Hash(context), length). A null context is hashed as the empty string, as TLS 1.3 treats both alike.
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        return export(require(exporterMaster, "exporter master secret"), label, context, length);
    }

    /** The early exporter (§7.5): as {@link #exportKeyingMaterial}, from early_exporter_master_secret. */
    public byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) {
        return export(require(earlyExporterMaster, "early exporter master secret"), label, context, length);
    }

    /** Whether {@link #exportEarlyKeyingMaterial} can answer. */
    public boolean hasEarlyExporter() {
        return earlyExporterMaster != null;
    }

    private byte[] export(byte[] exporterSecret, String label, byte[] context, int length) {
        byte[] secret = deriveSecret(exporterSecret, label, emptyHash);
        try {
            byte[] contextHash = hashOf(context == null ? new byte[0] : context);
            return Hkdf.expandLabel(crypto, hash, secret, "exporter", contextHash, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The Early Secret while it exists (tests check it against RFC 8448). */
    byte[] earlySecret() {
        return copy(earlySecret, "early secret");
    }

    /** The Handshake Secret while it exists (tests check it against RFC 8448). */
    byte[] handshakeSecret() {
        return copy(handshakeSecret, "handshake secret");
    }

    /** The Master Secret (tests check it against RFC 8448). */
    byte[] masterSecret() {
        return copy(masterSecret, "master secret");
    }

    /** Hash of the empty string, the transcript hash of "no messages". */
    public byte[] emptyHash() {
        return emptyHash.clone();
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Wipes every secret; the schedule is unusable afterwards. */
    public void destroy() {
        wipe(earlySecret);
        wipe(handshakeSecret);
        wipe(clientHandshakeTraffic);
        wipe(serverHandshakeTraffic);
        wipe(masterSecret);
        wipe(clientApplicationTraffic);
        wipe(serverApplicationTraffic);
        wipe(exporterMaster);
        wipe(resumptionMaster);
        wipe(earlyExporterMaster);
        earlyExporterMaster = null;
        earlySecret = handshakeSecret = clientHandshakeTraffic = serverHandshakeTraffic = null;
        masterSecret = clientApplicationTraffic = serverApplicationTraffic = exporterMaster = null;
        resumptionMaster = null;
    }

    private static byte[] require(byte[] secret, String what) {
        if (secret == null) {
            throw new IllegalStateException(what + " is not available at this stage of the key schedule");
        }
        return secret;
    }

    private static byte[] copy(byte[] secret, String what) {
        return require(secret, what).clone();
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
