package org.securechannel.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.TranscriptHash;

/**
 * RFC 8448 §4 ("Resumed 0-RTT Handshake", which resumes the ticket of §3's full handshake), value by value: the
 * ticket PSK from §3's resumption master secret, the early secret, binder key, finished key and binder over the
 * truncated ClientHello, and the 0-RTT secrets over the whole ClientHello.
 */
class PskSecretsTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();
    private static final CipherSuite.Hash SHA256 = CipherSuite.TLS_AES_128_GCM_SHA256.hash();

    /** §4's ClientHello (512 octets), ending in pre_shared_key: one 178-byte ticket and its 32-byte binder. */
    static final byte[] CLIENT_HELLO = hex("""
            01 00 01 fc 03 03 1b c3 ce b6 bb e3 9c ff 93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41 9d 78 76
            48 7d 95 00 00 06 13 01 13 03 13 02 01 00 01 cd 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01 00 01
            00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 33 00 26 00 24 00 1d 00 20
            e4 ff b6 8a c0 5f 8d 96 c9 9d a2 66 98 34 6c 6b e1 64 82 ba dd da fe 05 1a 66 b4 f1 8d 66 8f 0b 00 2a 00
            00 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01 05 01 06 01 02
            01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01 00 15 00 57"""
            + " 00".repeat(0x57) // padding: 87 zero bytes
            + """
            00 29 00 dd 00 b8 00 b2 2c 03 5d 82 93 59 ee 5f f7
            af 4e c9 00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 70 ad 3c 49 88 83 c9 36 7c 09 a2
            be 78 5a bc 55 cd 22 60 97 a3 a9 82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 be 7f d6 1d 28 27
            db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 9e e0 37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29 51 3e 3d
            a2 67 7f a5 90 6c 5b 3f 7d 8f 92 f2 28 bd a4 0d da 72 14 70 f9 fb f2 97 b5 ae a6 17 64 6f ac 5c 03 27 2e
            97 07 27 c6 21 a7 91 41 ef 5f 7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a e4 d3 57 fa d6 aa cb 00 21
            20 3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e 5f 9d""");

    /** §3: the resumption master secret of the full handshake; its ticket's nonce is 00 00. */
    private static final byte[] RESUMPTION_MASTER = hex(
            "7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf da f8 6c c8 56 23 1f 2d 5a ba 46 c4 34 ec 19 6c");
    private static final byte[] PSK = hex(
            "4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5 85 1a 27 7f d4 13 11 c9 e6 2d 2c 94 92 e1 c4 f3");
    private static final byte[] EARLY_SECRET = hex(
            "9b 21 88 e9 b2 fc 6d 64 d7 1d c3 29 90 0e 20 bb 41 91 50 00 f6 78 aa 83 9c bb 79 7c b7 d8 33 2c");
    private static final byte[] BINDER_KEY = hex(
            "69 fe 13 1a 3b ba d5 d6 3c 64 ee bc c3 0e 39 5b 9d 81 07 72 6a 13 d0 74 e3 89 db c8 a4 e4 72 56");
    private static final byte[] BINDER = hex(
            "3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e 5f 9d");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    private static byte[] hash(byte[] data, int length) {
        TranscriptHash t = CRYPTO.newTranscriptHash(SHA256);
        t.update(Arrays.copyOf(data, length));
        return t.current();
    }

    @Test
    void ticketPskFromTheFullHandshake() {
        assertArrayEquals(PSK, PskSecrets.ticketPsk(CRYPTO, SHA256, RESUMPTION_MASTER, new byte[2]));
    }

    @Test
    void earlySecretAndBinderKey() {
        byte[] early = PskSecrets.earlySecret(CRYPTO, SHA256, PSK);
        assertArrayEquals(EARLY_SECRET, early);
        assertArrayEquals(BINDER_KEY, PskSecrets.binderKey(CRYPTO, SHA256, early, PskSecrets.Kind.RESUMPTION));
        // The other label gives another key: an external PSK's binder never verifies as a ticket's.
        assertFalse(Arrays.equals(BINDER_KEY, PskSecrets.binderKey(CRYPTO, SHA256, early, PskSecrets.Kind.EXTERNAL)));
    }

    @Test
    void binderOverTheTruncatedClientHelloIsTheOneInTheTrace() throws AlertException {
        assertEquals(512, CLIENT_HELLO.length);
        ClientHello hello = ClientHello.parse(Arrays.copyOfRange(CLIENT_HELLO, 4, CLIENT_HELLO.length));
        PreSharedKeyExtension.requireLast(hello.extensions());
        PreSharedKeyExtension.OfferedPsks offer =
                PreSharedKeyExtension.parseClient(hello.extension(ExtensionType.PRE_SHARED_KEY).data());
        assertEquals(1, offer.identities().size());
        assertEquals(178, offer.identities().get(0).identity().length);
        assertArrayEquals(BINDER, offer.binder(0));

        int truncated = PreSharedKeyExtension.truncatedLength(CLIENT_HELLO, offer);
        assertEquals(477, truncated, "RFC 8448 prints the partial ClientHello as 477 octets");
        byte[] truncatedHash = hash(CLIENT_HELLO, truncated);
        assertArrayEquals(hex("63 22 4b 2e 45 73 f2 d3 45 4c a8 4b 9d 00 9a 04 f6 be 9e 05 71 1a 83 96 47 3a ef a0 1e 92 4a 14"),
                truncatedHash, "binder hash");
        assertArrayEquals(BINDER, PskSecrets.binder(CRYPTO, SHA256, BINDER_KEY, truncatedHash));
        assertTrue(PskSecrets.binderMatches(CRYPTO, SHA256, BINDER_KEY, truncatedHash, BINDER));
        byte[] wrong = BINDER.clone();
        wrong[31] ^= 1;
        assertFalse(PskSecrets.binderMatches(CRYPTO, SHA256, BINDER_KEY, truncatedHash, wrong));
        assertFalse(PskSecrets.binderMatches(CRYPTO, SHA256, BINDER_KEY, truncatedHash, Arrays.copyOf(BINDER, 31)));

        // A client writes the binder over a placeholder: the result is the trace's ClientHello, byte for byte.
        byte[] zeroed = CLIENT_HELLO.clone();
        Arrays.fill(zeroed, truncated + 3, zeroed.length, (byte) 0);
        assertArrayEquals(CLIENT_HELLO, PreSharedKeyExtension.fillBinders(zeroed, java.util.List.of(BINDER)));
    }

    @Test
    void earlyTrafficAndExporterSecretsOverTheWholeClientHello() {
        byte[] helloHash = hash(CLIENT_HELLO, CLIENT_HELLO.length);
        assertArrayEquals(hex("08 ad 0f a0 5d 7c 72 33 b1 77 5b a2 ff 9f 4c 5b 8b 59 27 6b 7f 22 7f 13 a9 76 24 5f 5d 96 09 13"),
                helloHash);
        byte[] early = PskSecrets.clientEarlyTrafficSecret(CRYPTO, SHA256, EARLY_SECRET, helloHash);
        assertArrayEquals(hex("3f bb e6 a6 0d eb 66 c3 0a 32 79 5a ba 0e ff 7e aa 10 10 55 86 e7 be 5c 09 67 8d 63 b6 ca ab 62"),
                early, "client_early_traffic_secret");
        assertArrayEquals(hex("b2 02 68 66 61 09 37 d7 42 3e 5b e9 08 62 cc f2 4c 0e 60 91 18 6d 34 f8 12 08 9f f5 be 2e f7 df"),
                PskSecrets.earlyExporterMasterSecret(CRYPTO, SHA256, EARLY_SECRET, helloHash), "early_exporter_master_secret");
        // The early traffic key and IV of §4 follow from it as every traffic secret's do (§7.3).
        assertArrayEquals(hex("92 02 05 a5 b7 bf 21 15 e6 fc 5c 29 42 83 4f 54"),
                Tls13KeySchedule.expandLabel(CRYPTO, SHA256, early, "key", null, 16));
        assertArrayEquals(hex("6d 47 5f 09 93 c8 e5 64 61 0d b2 b9"),
                Tls13KeySchedule.expandLabel(CRYPTO, SHA256, early, "iv", null, 12));
    }

    @Test
    void earlyDataAndEndOfEarlyDataRecordsAreTheTracesByteForByte() throws AlertException {
        // §4's 0-RTT records, sealed by our record protection under the schedule's own early keys: the application
        // data "ABCDEF" (sequence 0), then EndOfEarlyData (sequence 1); and opened again.
        Tls13KeySchedule ks = new Tls13KeySchedule(CRYPTO, CipherSuite.TLS_AES_128_GCM_SHA256, PSK);
        byte[] early = ks.deriveEarlySecrets(hash(CLIENT_HELLO, CLIENT_HELLO.length));
        byte[] earlyData = hex("17 03 03 00 17 ab 1d f4 20 e7 5c 45 7a 7c c5 d2 84 4f 76 d5 ae e4 b4 ed bf 04 9b e0");
        byte[] endOfEarlyData = hex("17 03 03 00 15 ac a6 fc 94 48 41 29 8d f9 95 93 72 5f 9b f9 75 44 29 b1 2f 09");
        org.securechannel.record.Tls13RecordProtection writer = new org.securechannel.record.Tls13RecordProtection(CRYPTO,
                CipherSuite.TLS_AES_128_GCM_SHA256, early.clone());
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(64);
        writer.seal(org.securechannel.codec.ContentType.APPLICATION_DATA, java.nio.ByteBuffer.wrap(hex("41 42 43 44 45 46")), out);
        assertArrayEquals(earlyData, Arrays.copyOf(out.array(), out.position()));
        out.clear();
        writer.seal(org.securechannel.codec.ContentType.HANDSHAKE,
                java.nio.ByteBuffer.wrap(org.securechannel.codec.EmptyHandshakeMessage.END_OF_EARLY_DATA.encode()), out);
        assertArrayEquals(endOfEarlyData, Arrays.copyOf(out.array(), out.position()));

        org.securechannel.record.Tls13RecordProtection reader = new org.securechannel.record.Tls13RecordProtection(CRYPTO,
                CipherSuite.TLS_AES_128_GCM_SHA256, early);
        java.nio.ByteBuffer plain = java.nio.ByteBuffer.allocate(64);
        assertEquals(org.securechannel.codec.ContentType.APPLICATION_DATA, reader.open(Arrays.copyOf(earlyData, 5),
                java.nio.ByteBuffer.wrap(earlyData, 5, earlyData.length - 5), earlyData.length - 5, plain));
        assertArrayEquals(hex("41 42 43 44 45 46"), Arrays.copyOf(plain.array(), plain.position()));
        assertTrue(ks.hasEarlyExporter());
        ks.destroy();
    }

    @Test
    void theKeyScheduleStartedFromTheSamePskAgrees() {
        // One rule, two entry points: the connection's schedule must give the binder key these functions give.
        Tls13KeySchedule ks = new Tls13KeySchedule(CRYPTO, CipherSuite.TLS_AES_128_GCM_SHA256, PSK);
        assertArrayEquals(BINDER_KEY, ks.binderKey(true));
        ks.destroy();
    }
}
