package org.securechannel.handshake;

import java.util.Arrays;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Tls12Prf;

/**
 * The TLS 1.2 key schedule for the AEAD suites we offer, always with the extended master secret (RFC 7627):
 * the master secret binds the whole handshake up to the ClientKeyExchange, which closes the triple-handshake
 * attack and makes the RFC 5705 exporter safe to use. Everything comes from the master secret through the
 * PRF (RFC 5246 §5, §6.3, §7.4.9): the key block, the Finished verify_data, exported keying material.
 *
 * <p>It holds the master secret (needed for Finished, the exporter and session resumption) and wipes it
 * on {@link #destroy()}.
 */
public final class Tls12KeySchedule {
    /** RFC 5246 §8.1: the master secret is always 48 bytes. */
    public static final int MASTER_SECRET_LENGTH = 48;
    /** RFC 5246 §7.4.9: verify_data is 12 bytes for every suite we offer. */
    public static final int VERIFY_DATA_LENGTH = 12;

    private final CryptoBackend crypto;
    private final CipherSuite.Hash hash;
    private final byte[] masterSecret;
    private final byte[] clientRandom;
    private final byte[] serverRandom;

    private Tls12KeySchedule(CryptoBackend crypto, CipherSuite.Hash hash, byte[] masterSecret, byte[] clientRandom,
            byte[] serverRandom) {
        this.crypto = crypto;
        this.hash = hash;
        this.masterSecret = masterSecret;
        this.clientRandom = clientRandom.clone();
        this.serverRandom = serverRandom.clone();
    }

    /**
     * RFC 7627 §4: {@code master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47]},
     * where session_hash is the transcript hash through the ClientKeyExchange. The pre-master secret is
     * wiped here: pass one you do not keep.
     */
    public static Tls12KeySchedule fromPreMasterSecret(CryptoBackend crypto, CipherSuite.Hash hash, byte[] preMasterSecret,
            byte[] sessionHash, byte[] clientRandom, byte[] serverRandom) {
        try {
            byte[] master = Tls12Prf.prf(crypto, hash, preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
            return new Tls12KeySchedule(crypto, hash, master, clientRandom, serverRandom);
        } finally {
            Arrays.fill(preMasterSecret, (byte) 0);
        }
    }

    /** An abbreviated handshake (RFC 5246 §7.3): the master secret of the resumed session, with new randoms. */
    public static Tls12KeySchedule resumed(CryptoBackend crypto, CipherSuite.Hash hash, byte[] masterSecret,
            byte[] clientRandom, byte[] serverRandom) {
        if (masterSecret.length != MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("a master secret is 48 bytes, not " + masterSecret.length);
        }
        return new Tls12KeySchedule(crypto, hash, masterSecret.clone(), clientRandom, serverRandom);
    }

    /**
     * Reports the master secret to {@code observer} under the NSS key log label CLIENT_RANDOM, for the connection
     * named by this handshake's client random; returns this schedule.
     */
    public Tls12KeySchedule observedBy(HandshakeObserver observer) {
        if (observer != null && observer.wantsSecrets()) {
            observer.secret("CLIENT_RANDOM", clientRandom, masterSecret);
        }
        return this;
    }

    /** One direction's key and IV (for AES-GCM the 4-byte salt of RFC 5288, for ChaCha20 the 12-byte IV of RFC 7905). */
    public record TrafficKeys(byte[] key, byte[] iv) {
        public void wipe() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    /** Both directions' keys (RFC 5246 §6.3); AEAD suites have no MAC keys. */
    public record KeyBlock(TrafficKeys client, TrafficKeys server) {
        public void wipe() {
            client.wipe();
            server.wipe();
        }
    }

    /** {@code key_block = PRF(master_secret, "key expansion", server_random + client_random)}, cut in RFC 5246 §6.3's order. */
    public KeyBlock keyBlock(int keyLength, int ivLength) {
        byte[] block = Tls12Prf.prf(crypto, hash, masterSecret, "key expansion",
                Tls12Prf.concat(serverRandom, clientRandom), 2 * (keyLength + ivLength));
        try {
            int p = 0;
            byte[] clientKey = Arrays.copyOfRange(block, p, p += keyLength);
            byte[] serverKey = Arrays.copyOfRange(block, p, p += keyLength);
            byte[] clientIv = Arrays.copyOfRange(block, p, p += ivLength);
            byte[] serverIv = Arrays.copyOfRange(block, p, p + ivLength);
            return new KeyBlock(new TrafficKeys(clientKey, clientIv), new TrafficKeys(serverKey, serverIv));
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** RFC 5246 §7.4.9: {@code PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]}. */
    public byte[] verifyData(boolean fromClient, byte[] transcriptHash) {
        return Tls12Prf.prf(crypto, hash, masterSecret, fromClient ? "client finished" : "server finished", transcriptHash,
                VERIFY_DATA_LENGTH);
    }

    /**
     * RFC 5705 §4: {@code PRF(master_secret, label, client_random + server_random [+ context_length + context])};
     * a null context is "no context", which differs from an empty one.
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        byte[] seed = Tls12Prf.concat(clientRandom, serverRandom);
        if (context != null) {
            if (context.length > 0xFFFF) {
                throw new IllegalArgumentException("exporter context longer than 2^16-1 bytes");
            }
            seed = Tls12Prf.concat(seed, new byte[] {(byte) (context.length >>> 8), (byte) context.length});
            seed = Tls12Prf.concat(seed, context);
        }
        return Tls12Prf.prf(crypto, hash, masterSecret, label, seed, length);
    }

    /** A copy of the master secret, for the session cache (session-ID resumption). */
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    public void destroy() {
        Arrays.fill(masterSecret, (byte) 0);
    }
}
