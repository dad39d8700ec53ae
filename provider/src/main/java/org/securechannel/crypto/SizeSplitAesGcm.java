package org.securechannel.crypto;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;

/**
 * AES-GCM per record size: {@link JavaGhashAesGcm} below {@link #SMALL} plaintext bytes, where the JDK's
 * per-record {@code Cipher.init} costs more than its intrinsic GHASH saves, the JDK's
 * {@code AES/GCM/NoPadding} (JdkRecordAead) from there up. Both compute the same AEAD, so either may open
 * what the other sealed.
 */
final class SizeSplitAesGcm implements RecordAead {
    static final int SMALL = 256;

    private final RecordAead jdk;
    private final RecordAead java;

    SizeSplitAesGcm(CipherSuite.Aead algorithm, byte[] key) {
        this.jdk = new JdkRecordAead(algorithm, key);
        this.java = new JavaGhashAesGcm(algorithm, key);
    }

    @Override
    public int tagLength() {
        return 16;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailer, ByteBuffer out)
            throws AlertException {
        (plaintext.remaining() < SMALL ? java : jdk).seal(nonce, aad, plaintext, trailer, out);
    }

    @Override
    public void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out)
            throws AlertException {
        (ciphertextLength - 16 < SMALL ? java : jdk).open(nonce, aad, in, ciphertextLength, out);
    }

    @Override
    public void destroy() {
        jdk.destroy();
        java.destroy();
    }
}
