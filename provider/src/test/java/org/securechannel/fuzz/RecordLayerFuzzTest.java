package org.securechannel.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeMessages;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.record.RecordLimits;
import org.securechannel.record.Tls13RecordProtection;

/**
 * The inbound record path: framing ({@code missing}), plaintext and protected records ({@code read},
 * {@code readToScratch}), and the handshake deframer, with each reassembled message handed to the codec the
 * handshake would use.
 *
 * <p>Input: one options byte, then the wire. Options bit 0: records are protected (TLS 1.3 keys installed
 * for reading); bits 1-2: the suite; bit 3: the handshake is complete (alerts and CCS in the clear refused);
 * bit 4: open into a caller buffer ({@code read}) instead of the scratch buffer. With protection, the wire is a
 * list of {@code kind u8, length u16, bytes}: odd kinds are sealed by the harness as the exact inner plaintext
 * of an authentic record, even kinds go on the wire as they are.
 */
class RecordLayerFuzzTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();
    /**
     * A fresh traffic secret per input: the JDK's GCM refuses to encrypt twice under one key and nonce
     * (it remembers the last pair per cached Cipher), and the harness seals at sequence 0 every time. What the
     * record layer does with an input does not depend on the key, so inputs still replay the same way.
     */
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @FuzzTest(maxDuration = "10s")
    void inbound(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int options = data[0] & 0xFF;
        boolean protect = (options & 1) != 0;
        CipherSuite suite = CipherSuite.values()[((options >>> 1) & 3) % CipherSuite.values().length];
        byte[] secret = new byte[suite.hash().length()];
        RANDOM.nextBytes(secret);
        byte[] wire = protect ? sealWire(data, suite, secret) : java.util.Arrays.copyOfRange(data, 1, data.length);
        RecordLayer records = new RecordLayer();
        Oracle.codec(() -> {
            if (protect) {
                records.setReadProtection(new Tls13RecordProtection(CRYPTO, suite, secret.clone()));
            }
            if ((options & 8) != 0) {
                records.handshakeComplete();
            }
            readAll(records, ByteBuffer.wrap(wire), (options & 16) != 0, suite);
        });
    }

    private static void readAll(RecordLayer records, ByteBuffer in, boolean intoCallerBuffer, CipherSuite suite)
            throws AlertException {
        for (int i = 0; i < Drive.MAX_CALLS; i++) {
            int missing = records.missing(in);
            if (missing > 0) {
                assertTrue(missing <= RecordLimits.MAX_RECORD, "missing " + missing);
                return;
            }
            ContentType type;
            ByteBuffer content;
            if (intoCallerBuffer) {
                ByteBuffer out = ByteBuffer.allocate(records.maxContentLength(in));
                type = records.read(in, out);
                content = out.flip();
            } else {
                content = records.readToScratch(in);
                type = records.lastType();
            }
            assertTrue(content.remaining() <= RecordLimits.MAX_PLAINTEXT, "content of " + content.remaining());
            if (type == ContentType.HANDSHAKE) {
                records.addHandshakeFragment(content);
                for (int j = 0; j < Drive.MAX_CALLS; j++) {
                    boolean complete = records.hasCompleteHandshakeMessage();
                    RawHandshake m = records.nextHandshakeMessage();
                    if (m == null) {
                        assertTrue(!complete, "a complete message was announced but not returned");
                        break;
                    }
                    assertNotNull(m.type());
                    Oracle.codec(() -> HandshakeMessages.parse(m.type(), m.body(), suite.hash().length()));
                }
            }
        }
    }

    /** The protected wire: harness-sealed inner plaintexts and raw bytes, as the input lists them. */
    private static byte[] sealWire(byte[] data, CipherSuite suite, byte[] secret) {
        RawSealer sealer = new RawSealer(CRYPTO, suite, secret.clone());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int p = 1;
        while (p + 3 <= data.length) {
            int kind = data[p] & 0xFF;
            int len = Math.min(((data[p + 1] & 0xFF) << 8) | (data[p + 2] & 0xFF), data.length - p - 3);
            byte[] bytes = java.util.Arrays.copyOfRange(data, p + 3, p + 3 + len);
            p += 3 + len;
            if ((kind & 1) != 0 && bytes.length <= RecordLimits.MAX_CIPHERTEXT - 16) {
                wire.writeBytes(sealer.seal(bytes));
            } else {
                wire.writeBytes(bytes);
            }
        }
        return wire.toByteArray();
    }
}
