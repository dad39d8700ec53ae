package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;

class MessageSignatureTest {
    private static final byte[] MESSAGE = "sixteen byte msg".getBytes(StandardCharsets.US_ASCII);

    private static Reason failure(SecurityContext verifier, byte[] message, byte[] token) {
        return assertThrows(SecurityContextException.class, () -> verifier.verifySignature(message, token)).reason();
    }

    @Test
    void tokenFormatIsVersionSequenceMac() throws Exception {
        try (ContextPair p = Pairs.established()) {
            byte[] first = p.client.makeSignature(MESSAGE);
            byte[] second = p.client.makeSignature(MESSAGE);
            assertEquals(41, first.length);
            assertEquals(1, first[0]);
            assertEquals(0L, ByteBuffer.wrap(first, 1, 8).getLong());
            assertEquals(1L, ByteBuffer.wrap(second, 1, 8).getLong());
            p.server.verifySignature(MESSAGE, first);
            p.server.verifySignature(MESSAGE, second);
        }
    }

    @Test
    void bothDirectionsRoundTrip() throws Exception {
        try (ContextPair p = Pairs.established()) {
            for (int i = 0; i < 5; i++) {
                byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
                p.server.verifySignature(m, p.client.makeSignature(m));
                p.client.verifySignature(m, p.server.makeSignature(m));
            }
            p.server.verifySignature(new byte[0], p.client.makeSignature(new byte[0]));
        }
    }

    @Test
    void everySingleBitFlipIsMessageAltered() throws Exception {
        try (ContextPair p = Pairs.established()) {
            byte[] token = p.client.makeSignature(MESSAGE);
            for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
                byte[] m = MESSAGE.clone();
                m[bit / 8] ^= (byte) (1 << (bit % 8));
                assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, m, token), "message bit " + bit);
            }
            for (int bit = 0; bit < token.length * 8; bit++) {
                byte[] t = token.clone();
                t[bit / 8] ^= (byte) (1 << (bit % 8));
                assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, MESSAGE, t), "token bit " + bit);
            }
            // None of those failures moved the verifier: the genuine token still verifies.
            p.server.verifySignature(MESSAGE, token);
        }
    }

    @Test
    void truncatedOrExtendedTokensAreAltered() throws Exception {
        try (ContextPair p = Pairs.established()) {
            byte[] token = p.client.makeSignature(MESSAGE);
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, MESSAGE, java.util.Arrays.copyOf(token, 40)));
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, MESSAGE, java.util.Arrays.copyOf(token, 42)));
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, MESSAGE, new byte[0]));
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, MESSAGE, null));
        }
    }

    @Test
    void replayedSkippedAndReorderedAreOutOfSequence() throws Exception {
        try (ContextPair p = Pairs.established()) {
            byte[] t0 = p.client.makeSignature(MESSAGE);
            byte[] t1 = p.client.makeSignature(MESSAGE);
            byte[] t2 = p.client.makeSignature(MESSAGE);
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t1), "skipped ahead");
            p.server.verifySignature(MESSAGE, t0);
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t0), "replay");
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t2), "reordered");
            p.server.verifySignature(MESSAGE, t1);
            p.server.verifySignature(MESSAGE, t2);
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t1), "old");
        }
    }

    @Test
    void aTokenIsNeverAcceptedByItsSenderOrAnotherConnection() throws Exception {
        try (ContextPair p = Pairs.established(); ContextPair other = Pairs.established()) {
            byte[] token = p.client.makeSignature(MESSAGE);
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.client, MESSAGE, token), "reflected");
            assertEquals(Reason.MESSAGE_ALTERED, failure(other.server, MESSAGE, token), "wrong context");
            p.server.verifySignature(MESSAGE, token);
        }
    }

    @Test
    void windowAcceptsReorderingAndLossButNotReplay() throws Exception {
        try (ContextPair p = Pairs.established()) {
            p.server.verifyWindow(8);
            List<byte[]> t = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                t.add(p.client.makeSignature(MESSAGE));
            }
            p.server.verifySignature(MESSAGE, t.get(2));
            p.server.verifySignature(MESSAGE, t.get(0));
            p.server.verifySignature(MESSAGE, t.get(1));
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t.get(1)), "replay inside the window");
            p.server.verifySignature(MESSAGE, t.get(12)); // 3..11 lost
            p.server.verifySignature(MESSAGE, t.get(5));  // late but inside the window (12 - 5 < 8)
            assertEquals(Reason.OUT_OF_SEQUENCE, failure(p.server, MESSAGE, t.get(4)), "older than the window");
            assertEquals(Reason.MESSAGE_ALTERED, failure(p.server, "other".getBytes(StandardCharsets.UTF_8), t.get(13)));
            p.server.verifySignature(MESSAGE, t.get(13));
            assertThrows(IllegalArgumentException.class, () -> p.server.verifyWindow(65));
        }
    }

    @Test
    void signaturesDoNotDisturbRecords() throws Exception {
        try (ContextPair p = Pairs.established()) {
            byte[] data = "data".getBytes(StandardCharsets.UTF_8);
            byte[] token = p.client.makeSignature(MESSAGE);
            assertArrayEquals(data, p.transfer(p.client, data));
            p.server.verifySignature(MESSAGE, token);
            assertArrayEquals(data, p.transfer(p.server, data));
        }
    }

    @Test
    void oneThreadSignsWhileAnotherVerifies() throws Exception {
        try (ContextPair p = Pairs.established()) {
            int n = 500;
            List<byte[]> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tokens.add(p.client.makeSignature(MESSAGE));
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // The server signs its direction while it verifies the client's, on two threads.
                Future<List<byte[]>> signing = pool.submit(() -> {
                    List<byte[]> mine = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        mine.add(p.server.makeSignature(MESSAGE));
                    }
                    return mine;
                });
                Future<?> verifying = pool.submit(() -> {
                    for (byte[] t : tokens) {
                        p.server.verifySignature(MESSAGE, t);
                    }
                    return null;
                });
                verifying.get(30, TimeUnit.SECONDS);
                for (byte[] t : signing.get(30, TimeUnit.SECONDS)) {
                    p.client.verifySignature(MESSAGE, t);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void notBeforeTheHandshakeNorAfterClose() throws Exception {
        SecurityContext fresh = SecurityContext.client(Pairs.clientCredentials(), "localhost");
        assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, () -> fresh.makeSignature(MESSAGE)).reason());
        ContextPair p = Pairs.established();
        byte[] token = p.client.makeSignature(MESSAGE);
        p.close();
        assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class, () -> p.client.makeSignature(MESSAGE)).reason());
        assertEquals(Reason.INVALID_STATE, failure(p.server, MESSAGE, token));
    }
}
