package org.securechannel.context;

import java.nio.file.Path;

/**
 * Receives the secrets of each handshake, so a capture of the connection can be decrypted (Wireshark, tshark).
 * Labels and meaning are the NSS key log format's (RFC 9850): TLS 1.3's CLIENT_HANDSHAKE_TRAFFIC_SECRET,
 * SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0 and EXPORTER_SECRET (and
 * CLIENT_EARLY_TRAFFIC_SECRET with 0-RTT), TLS 1.2's CLIENT_RANDOM (the master secret).
 *
 * <p>Whoever holds these secrets can read the connection: key logging is for debugging, off unless configured
 * through {@link Credentials.Builder#keyLog}, the security property {@value KeyLogSettings#FILE_PROPERTY} or
 * (only when {@value KeyLogSettings#ALLOW_ENVIRONMENT_PROPERTY} is true) the environment variable SSLKEYLOGFILE.
 *
 * <p>Called on the thread doing the handshake; must not throw and must not keep the arrays (they are wiped).
 */
@FunctionalInterface
public interface KeyLog {
    /**
     * @param label        the NSS key log label
     * @param clientRandom the 32-byte random of the connection's ClientHello, which names the connection
     * @param secret       the secret
     */
    void log(String label, byte[] clientRandom, byte[] secret);

    /**
     * Appends to the file at {@code path} in the NSS format, one line per secret: created readable by its owner
     * only, safe to share between threads and processes; a write failure is logged once and never fails a
     * handshake.
     */
    static KeyLog toFile(Path path) {
        return KeyLogFile.of(path);
    }

    /** One line of the NSS key log format: {@code LABEL <client random hex> <secret hex>}, no line end. */
    static String line(String label, byte[] clientRandom, byte[] secret) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        return label + ' ' + hex.formatHex(clientRandom) + ' ' + hex.formatHex(secret);
    }
}
