package org.securechannel.badinput;

import static org.securechannel.badinput.Fixtures.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.testing.RecordForge;
import org.securechannel.testing.SecretCapture;

/**
 * A client and a server one flight into a handshake (TLS_AES_128_GCM_SHA256), with the server's traffic secrets
 * captured: the server's protected flight is opened into its handshake bytes, so that a test can put them back
 * into records of its own making (sizes, padding, changed messages) before the client reads them.
 */
final class ForgedFlight {
    final SecurityContext client;
    final SecurityContext server;
    final SecretCapture serverSecrets = new SecretCapture();
    /** The server's plaintext records: ServerHello, and the compatibility change_cipher_spec if any. */
    final byte[] plainPart;
    /** The handshake bytes of the server's protected records: EncryptedExtensions through Finished. */
    final byte[] handshake;

    ForgedFlight(Credentials.Builder clientB, String serverName, Credentials.Builder serverB) throws SecurityContextException {
        client = SecurityContext.client(clientB.cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).build(), serverName);
        // No tickets: the server's last step (after the client's Finished) is not carried to the client here.
        server = SecurityContext.server(serverB.crypto(serverSecrets).sessionTickets(0).build());
        byte[] flight = step(server, clientHelloRecord(client));
        RecordForge opener = new RecordForge(serverSecrets.secret("s hs traffic"));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        for (byte[] r : records(flight)) {
            if (r[0] == APPDATA) {
                byte[] inner = opener.openInner(r);
                if (RecordForge.type(inner) != HANDSHAKE) {
                    throw new AssertionError("protected record of type " + RecordForge.type(inner) + " in the server's flight");
                }
                hs.writeBytes(RecordForge.content(inner));
            } else {
                plain.writeBytes(r);
            }
        }
        plainPart = plain.toByteArray();
        handshake = hs.toByteArray();
    }

    ForgedFlight() throws SecurityContextException {
        this(clientBuilder(), "localhost", serverBuilder());
    }

    /** A sealer under the server's handshake keys, from sequence number 0. */
    RecordForge serverHandshakeSealer() {
        return new RecordForge(serverSecrets.secret("s hs traffic"));
    }

    /** A sealer (or opener) under the client's handshake keys, from sequence number 0. */
    RecordForge clientHandshakeKeys() {
        return new RecordForge(serverSecrets.secret("c hs traffic"));
    }

    /** The server's plaintext records, then {@code stream} cut at {@code cuts} into protected records with {@code padding}. */
    byte[] reassemble(byte[] stream, int[] cuts, int[] padding) {
        RecordForge sealer = serverHandshakeSealer();
        List<byte[]> parts = new ArrayList<>();
        parts.add(plainPart);
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            parts.add(sealer.seal(HANDSHAKE, java.util.Arrays.copyOfRange(stream, from, to), padding[i]));
            from = to;
        }
        return concat(parts.toArray(new byte[0][]));
    }

    /** The offsets at which each handshake message of {@code stream} ends, the last excluded. */
    static int[] messageBoundaries(byte[] stream) {
        List<Integer> ends = new ArrayList<>();
        int p = 0;
        while (p + 4 <= stream.length) {
            p += 4 + (((stream[p + 1] & 0xFF) << 16) | ((stream[p + 2] & 0xFF) << 8) | (stream[p + 3] & 0xFF));
            if (p < stream.length) {
                ends.add(p);
            }
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }
}
