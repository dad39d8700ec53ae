package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.context.Result;
import org.securechannel.context.Status;
import org.securechannel.interop.SunJsseEngines.Direction;
import org.securechannel.interop.SunJsseEngines.Setup;
import org.securechannel.testing.TestPki.KeyType;

/**
 * SunJSSE's bytes reaching us in awkward shapes: one byte at a time, records split at every offset,
 * several records and messages in one buffer, plaintext buffers too small.
 */
class SunJsseRobustnessTest {

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Every record SunJSSE sends arrives one byte per call: step and decrypt say INCOMPLETE_MESSAGE until whole. */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void oneByteAtATime(Direction direction) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build().deliverInPiecesOf(1)) {
            d.handshake();
            assertTrue(d.incompleteCount > 100, "records arrived in pieces: " + d.incompleteCount);
            SunJsseBasicTest.assertAgree(d);
            byte[] b = random(40_000, 1);
            assertArrayEquals(b, d.engineToOurs(b));
            byte[] a = random(5_000, 2);
            assertArrayEquals(a, d.oursToEngine(a));
        }
    }

    /** 1 MiB from SunJSSE seen 1000 bytes at a time: records split at arbitrary points. */
    @Test
    void bulkInUnalignedPieces() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).build().deliverInPiecesOf(1000)) {
            d.handshake();
            byte[] b = random(1 << 20, 3);
            assertArrayEquals(b, d.engineToOurs(b));
        }
    }

    /** HelloRetryRequest with the flight arriving in pieces. */
    @Test
    void helloRetryRequestInPieces() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256)
                .ours(b -> b.groups(org.securechannel.codec.NamedGroup.SECP384R1)).build().deliverInPiecesOf(3)) {
            d.handshake();
            assertTrue(d.ours.connectionInfo().helloRetryRequest());
            SunJsseMatrixTest.roundTrip(d);
        }
    }

    /**
     * SunJSSE's client has finished and sends data at once, so our server's last step sees its Finished and
     * the first application record together: OK, with the record left unconsumed as the "extra".
     */
    @Test
    void firstDataRecordBehindTheClientFinished() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).build()) {
            d.untilEngineFinished();
            assertFalse(d.ours.isEstablished());
            byte[] early = "right behind Finished".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            d.engineSend(early);
            d.handshake();
            assertTrue(d.ours.isEstablished());
            assertTrue(d.toOurs.available() > 0, "the data record is left as extra");
            assertArrayEquals(early, d.oursReceive().bytes());
        }
    }

    /** Several SunJSSE records in one buffer: decrypt takes what fits and leaves the rest. */
    @Test
    void manyRecordsInOneBuffer() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).build()) {
            d.handshake();
            byte[] all = new byte[0];
            for (int i = 0; i < 50; i++) {
                byte[] piece = random(1 + i * 37, i);
                d.engineSend(piece);
                all = concat(all, piece);
            }
            assertArrayEquals(all, d.oursReceive().bytes());
        }
    }

    /**
     * A large SunJSSE record into a 100-byte buffer: BUFFER_TOO_SMALL names a size, nothing is consumed, and
     * a buffer of that size takes the record. (SunJSSE puts at most 16,367 bytes of data in a TLS 1.3 record,
     * so 16 KiB of data is two records.)
     */
    @Test
    void plaintextBufferTooSmall() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_SERVER, KeyType.EC_P256).build()) {
            d.handshake();
            byte[] b = random(16_384, 9);
            d.engineSend(b);
            ByteBuffer in = d.toOurs.view();
            int before = in.position();
            Result r = d.ours.decrypt(in, ByteBuffer.allocate(100));
            assertEquals(Status.BUFFER_TOO_SMALL, r.status());
            assertEquals(before, in.position());
            assertTrue(r.missing() > 16_000, r.toString());
            ByteBuffer plain = ByteBuffer.allocate(r.missing());
            r = d.ours.decrypt(in, plain);
            d.toOurs.consumed(in);
            assertEquals(Status.OK, r.status());
            assertTrue(plain.position() > 16_000, r.toString());
            byte[] rest = d.oursReceive().bytes();
            assertArrayEquals(b, concat(Arrays.copyOf(plain.array(), plain.position()), rest));
        }
    }

    /** Data and close_notify in one buffer: all the data, then CONTEXT_EXPIRED. */
    @ParameterizedTest
    @EnumSource(Direction.class)
    void dataThenCloseNotifyTogether(Direction direction) throws Exception {
        try (SslEngineDriver d = Setup.of(direction, KeyType.EC_P256).build()) {
            d.handshake();
            byte[] b = random(50_000, 4);
            d.engineSend(b);
            d.engine.closeOutbound();
            d.engineWrap(ByteBuffer.allocate(0));
            SslEngineDriver.Received got = d.oursReceive();
            assertArrayEquals(b, got.bytes());
            assertEquals(Status.CONTEXT_EXPIRED, got.last());
            assertEquals(0, d.toOurs.available());
        }
    }

    /** Our records reach SunJSSE in 7-byte pieces; it reassembles them. */
    @Test
    void ourRecordsInPiecesToSunJsse() throws Exception {
        try (SslEngineDriver d = Setup.of(Direction.OUR_CLIENT, KeyType.EC_P256).build()) {
            d.handshake();
            byte[] a = random(20_000, 5);
            d.oursSend(a);
            byte[] wire = d.toEngine.drain();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            ByteBuffer app = ByteBuffer.allocate(d.engine.getSession().getApplicationBufferSize());
            ByteBuffer net = ByteBuffer.allocate(wire.length);
            for (int off = 0; off < wire.length; off += 7) {
                net.put(wire, off, Math.min(7, wire.length - off));
                net.flip();
                for (int i = 0; i < 4; i++) {
                    javax.net.ssl.SSLEngineResult r = d.engine.unwrap(net, app);
                    if (r.getStatus() != javax.net.ssl.SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                        break;
                    }
                }
                net.compact();
                app.flip();
                got.write(app.array(), 0, app.limit());
                app.clear();
            }
            assertArrayEquals(a, got.toByteArray());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
