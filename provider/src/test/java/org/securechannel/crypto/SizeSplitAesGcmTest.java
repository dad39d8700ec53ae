package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/** Records on either side of the threshold: each of the JDK, ours and the split opens what the others sealed. */
class SizeSplitAesGcmTest {
    private static byte[] seal(RecordAead aead, byte[] nonce, byte[] aad, byte[] pt) throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(pt.length + 1 + 16);
        aead.seal(nonce, aad, ByteBuffer.wrap(pt), 23, out);
        assertEquals(out.capacity(), out.position());
        return out.array();
    }

    private static byte[] open(RecordAead aead, byte[] nonce, byte[] aad, byte[] ct) throws AlertException {
        ByteBuffer out = ByteBuffer.allocate(ct.length - 16);
        aead.open(nonce, aad, ByteBuffer.wrap(ct), ct.length, out);
        return out.array();
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.Aead.class, names = {"AES_128_GCM", "AES_256_GCM"})
    void aroundTheThresholdEveryImplementationOpensEveryOther(CipherSuite.Aead algorithm) throws Exception {
        SplittableRandom random = new SplittableRandom(algorithm.ordinal());
        byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        RecordAead[] aeads = {
            new SizeSplitAesGcm(algorithm, key), new JdkRecordAead(algorithm, key), new JavaGhashAesGcm(algorithm, key),
        };
        int t = SizeSplitAesGcm.SMALL;
        int[] sizes = {0, 1, 63, 64, t - 17, t - 2, t - 1, t, t + 1, t + 15, 2 * t, 16384};
        byte[] aad = {23, 3, 3, 0, 0};
        int records = 0;
        for (int n : sizes) {
            byte[] pt = new byte[n];
            random.nextBytes(pt);
            byte[] inner = Arrays.copyOf(pt, n + 1);
            inner[n] = 23;
            for (RecordAead sealer : aeads) {
                byte[] nonce = new byte[12];
                random.nextBytes(nonce);
                byte[] ct = seal(sealer, nonce, aad, pt);
                for (RecordAead opener : aeads) {
                    assertArrayEquals(inner, open(opener, nonce, aad, ct), n + " bytes");
                    records++;
                }
                ct[ct.length - 1] ^= 1;
                AlertException e = assertThrows(AlertException.class, () -> open(aeads[0], nonce, aad, ct));
                assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert());
            }
        }
        assertEquals(sizes.length * 9, records);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.Aead.class, names = {"AES_128_GCM", "AES_256_GCM"})
    void destroyForgetsBothHalves(CipherSuite.Aead algorithm) {
        RecordAead aead = new SizeSplitAesGcm(algorithm, new byte[algorithm.keyLength()]);
        aead.destroy();
        for (int n : new int[] {1, SizeSplitAesGcm.SMALL + 1}) {
            AlertException e = assertThrows(AlertException.class, () -> aead.seal(new byte[12], new byte[5],
                    ByteBuffer.allocate(n), 23, ByteBuffer.allocate(n + 17)));
            assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
        }
    }
}
