package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Regression tests for engine bugs the engine tests found (all fixed): decrypt into a buffer of exactly
 * the content size, nothing after close_notify, no exporter or attributes after a fatal failure.
 */
class EngineRegressionTest {
    private static final String HOST = "bugs.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static ContextPair connected() throws SecurityContextException {
        Credentials s = Credentials.server().certificate(leaf.chain(), leaf.key()).build();
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).build();
        return new ContextPair(SecurityContext.client(c, HOST), SecurityContext.server(s)).handshake();
    }

    /**
     * BUG: decrypt needs one byte more output room than the record's data. A full record carries
     * streamSizes().maximumMessage() = 16384 data bytes, but decrypt into a plainOut of exactly 16384
     * returns BUFFER_TOO_SMALL with missing() = 16385 (and likewise a 100-byte record needs 101). Callers that
     * size plainOut from streamSizes(), as Schannel callers do, cannot receive a full record.
     * Where: TlsSecurityContext.decrypt's "room" check (RecordLayer.maxContentLength counts the inner
     * content-type byte and padding) together with Tls13RecordProtection.open, which decrypts the inner
     * plaintext (data + type + padding) into plainOut. Fix: open into scratch/in place when the caller's
     * buffer cannot take data+type, or decrypt the AEAD output with the last byte(s) held back, so the
     * requirement is the data length (at most maximumMessage).
     */
    @Test
    void decryptIntoMaximumMessageSizedBuffer() throws Exception {
        try (ContextPair p = connected()) {
            int max = p.server.streamSizes().maximumMessage();
            byte[] data = new byte[max];
            java.util.Arrays.fill(data, (byte) 7);
            p.send(p.client, data);
            ByteBuffer in = p.toServer.view();
            ByteBuffer plain = ByteBuffer.allocate(max);
            Result r = p.server.decrypt(in, plain);
            assertEquals(Status.OK, r.status(), r.toString());
            assertEquals(max, r.bytesProduced());
            assertFalse(in.hasRemaining());
            assertArrayEquals(data, plain.array());
        }
    }

    /** Same bug, small record: 100 data bytes into a 100-byte plainOut. */
    @Test
    void decryptIntoExactlySizedBuffer() throws Exception {
        try (ContextPair p = connected()) {
            p.send(p.client, new byte[100]);
            ByteBuffer in = p.toServer.view();
            Result r = p.server.decrypt(in, ByteBuffer.allocate(100));
            assertEquals(Status.OK, r.status(), r.toString());
            assertEquals(100, r.bytesProduced());
        }
    }

    /**
     * BUG: after shutdown() and the step that wrote close_notify, requestKeyUpdate is accepted and the next
     * step sends a KeyUpdate record after our close_notify (RFC 8446 §6.1: nothing may follow close_notify).
     * Where: TlsSecurityContext.requestKeyUpdate should throw INVALID_STATE once closeNotifyQueued (as encrypt
     * does); doStep's shutdown branch should also never flush anything queued after close_notify.
     */
    @Test
    void nothingIsSentAfterCloseNotify() throws Exception {
        try (ContextPair p = connected()) {
            p.shutdown(p.client);
            p.toServer.drain();
            boolean refused = false;
            try {
                p.client.requestKeyUpdate(false);
            } catch (SecurityContextException e) {
                assertEquals(Reason.INVALID_STATE, e.reason());
                refused = true;
            }
            ByteBuffer out = ByteBuffer.allocate(1024);
            Result r = p.client.step(ByteBuffer.allocate(0), out);
            assertEquals(Status.OK, r.status());
            assertEquals(0, r.bytesProduced(), "bytes after close_notify (KeyUpdate accepted: " + !refused + ")");
        }
    }

    /**
     * BUG: after a fatal failure every call is INVALID_STATE except exportKeyingMaterial (and connectionInfo):
     * (1) on the side that detected the failure (server, bad_record_mac) failFromWriter ran handshake.destroy(),
     * so exportKeyingMaterial escapes with a raw java.lang.IllegalStateException ("exporter master secret is
     * not available") from Tls13KeySchedule.require - not a SecurityContextException at all;
     * (2) on the side that received the fatal alert (client, PEER_ALERT) receiveAlert sets {@code failure} but
     * never destroys the handshake/record keys, so the exporter keeps answering with live secrets.
     * Where: TlsSecurityContext.establishedSummary() should refuse (INVALID_STATE) once {@code failure} is set;
     * TlsSecurityContext.receiveAlert should wipe keys (handshake.destroy(), records.destroy()) like fail() does;
     * exportKeyingMaterial should also catch RuntimeException.
     */
    @Test
    void exporterAfterFatalFailureIsInvalidState() throws Exception {
        try (ContextPair p = connected()) {
            byte[] before = p.client.exportKeyingMaterial("EXPORTER-x", null, 32);
            // The server fails the connection: decrypting garbage is a bad_record_mac; its alert reaches the client.
            byte[] garbage = {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
            SecurityContextException failed = org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class,
                    () -> p.server.decrypt(ByteBuffer.wrap(garbage), ByteBuffer.allocate(100)));
            org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class,
                    () -> p.client.decrypt(ByteBuffer.wrap(failed.alertToSend()), ByteBuffer.allocate(100)));
            for (SecurityContext c : List.of(p.server, p.client)) {
                SecurityContextException e = org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class,
                        () -> c.exportKeyingMaterial("EXPORTER-x", null, 32),
                        "exporter after failure answered (before: " + before.length + " bytes)");
                assertEquals(Reason.INVALID_STATE, e.reason());
            }
        }
    }
}
