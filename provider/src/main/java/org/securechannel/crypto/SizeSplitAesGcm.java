package org.securechannel.crypto;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/**
 * AES-GCM per record size: {@link JavaGhashAesGcm} below {@link #SMALL} plaintext bytes, where the JDK's
 * per-record {@code Cipher.init} (about 300 ns and 1.2 KB) costs more than its intrinsic GHASH saves, the
 * JDK's {@code AES/GCM/NoPadding} (JdkRecordAead) from there up. Both compute the same AEAD, so either may
 * open what the other sealed.
 *
 * <p>Seal+open of one AES-128-GCM record, heap buffers, ns, JDK vs ours, best of 15 alternating runs in one
 * JVM (2-core EPYC, shared): JDK 17: 64 B 693 vs 489, 128 B 716 vs 614, 192 B 792 vs 734, 256 B 743 vs 883,
 * 512 B 841 vs 1513, 1 KiB 1021 vs 2673. Temurin 25: 96 B 680 vs 508, 128 B 658 vs 577, 192 B 750 vs 701,
 * 256 B 704 vs 832, 512 B 687 vs 1385, 1 KiB 758 vs 2433. The crossing is between 192 and 256 bytes on
 * both, so one threshold serves both.
 */
final class SizeSplitAesGcm extends JavaGhashAesGcm {
    static final int SMALL = 208;

    /** The JDK's GCM for records of {@link #SMALL} bytes and more; ours (this object) below. */
    private final RecordAead jdk;

    SizeSplitAesGcm(CipherSuite.Aead algorithm, byte[] key) {
        super(algorithm, key);
        this.jdk = new JdkRecordAead(algorithm, rawKey());
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailer, ByteBuffer out)
            throws AlertException {
        if (plaintext.remaining() < SMALL) {
            super.seal(nonce, aad, plaintext, trailer, out);
        } else {
            jdk.seal(nonce, aad, plaintext, trailer, out);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out)
            throws AlertException {
        if (ciphertextLength - 16 < SMALL) {
            super.open(nonce, aad, in, ciphertextLength, out);
        } else {
            jdk.open(nonce, aad, in, ciphertextLength, out);
        }
    }

    @Override
    public void destroy() {
        jdk.destroy();
        super.destroy();
    }
}
