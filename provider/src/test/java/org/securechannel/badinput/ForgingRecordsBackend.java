package org.securechannel.badinput;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.RecordAead;
import org.securechannel.testing.DelegatingBackend;

/**
 * A peer's backend that seals records no API of ours would send, keeping each record's length (so the
 * header and nonce stay right): application data of exactly {@link #EMPTY} goes out as an empty application
 * data record (inner plaintext {@code 23, 0}: the type, one byte of padding), and application data of
 * exactly {@link #USER_CANCELED} as a warning user_canceled alert.
 */
final class ForgingRecordsBackend extends DelegatingBackend {
    static final byte[] EMPTY = {(byte) 0xEE};
    static final byte[] USER_CANCELED = {(byte) 0xEE, (byte) 0xEF};
    private static final int APPLICATION_DATA = 23;
    private static final int ALERT = 21;

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        RecordAead real = d.newAead(algorithm, key);
        return new RecordAead() {
            @Override
            public int tagLength() {
                return real.tagLength();
            }

            @Override
            public void seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, int trailer, ByteBuffer out) throws AlertException {
                if (trailer == APPLICATION_DATA && plaintext.remaining() == EMPTY.length && plaintext.get(plaintext.position()) == EMPTY[0]) {
                    plaintext.position(plaintext.limit());
                    real.seal(nonce, aad, ByteBuffer.wrap(new byte[] {APPLICATION_DATA}), 0, out);
                } else if (trailer == APPLICATION_DATA && plaintext.remaining() == USER_CANCELED.length
                        && plaintext.get(plaintext.position()) == USER_CANCELED[0]
                        && plaintext.get(plaintext.position() + 1) == USER_CANCELED[1]) {
                    plaintext.position(plaintext.limit());
                    real.seal(nonce, aad, ByteBuffer.wrap(new byte[] {1, 90}), ALERT, out);
                } else {
                    real.seal(nonce, aad, plaintext, trailer, out);
                }
            }

            @Override
            public void open(byte[] nonce, byte[] aad, ByteBuffer in, int ciphertextLength, ByteBuffer out) throws AlertException {
                real.open(nonce, aad, in, ciphertextLength, out);
            }

            @Override
            public void destroy() {
                real.destroy();
            }
        };
    }
}
