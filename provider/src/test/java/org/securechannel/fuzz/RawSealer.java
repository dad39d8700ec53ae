package org.securechannel.fuzz;

import java.nio.ByteBuffer;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;
import org.securechannel.crypto.RecordAead;

/**
 * Seals an arbitrary TLS 1.3 inner plaintext (content, type byte, padding: whatever the fuzzer wrote) into a
 * correctly authenticated record, so the fuzzer can reach what happens after the tag check: the inner type
 * scan, padding, length limits. Record protection itself can only seal well-formed inner plaintexts.
 */
final class RawSealer {
    private final RecordAead aead;
    private final byte[] iv;
    private long sequence;

    RawSealer(CryptoBackend crypto, CipherSuite suite, byte[] trafficSecret) {
        byte[] key = Hkdf.expandLabel(crypto, suite.hash(), trafficSecret, "key", null, suite.aead().keyLength());
        this.aead = crypto.newAead(suite.aead(), key);
        this.iv = Hkdf.expandLabel(crypto, suite.hash(), trafficSecret, "iv", null, suite.aead().ivLength());
    }

    /** One application_data record whose inner plaintext is exactly {@code inner} (at most 2^14+256-17 bytes). */
    byte[] seal(byte[] inner) {
        int length = inner.length + aead.tagLength();
        byte[] record = new byte[5 + length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 8 + i] ^= (byte) (sequence >>> (56 - 8 * i));
        }
        sequence++;
        byte[] aad = java.util.Arrays.copyOf(record, 5);
        ByteBuffer out = ByteBuffer.wrap(record, 5, length);
        try {
            aead.seal(nonce, aad, ByteBuffer.wrap(inner), -1, out);
        } catch (AlertException e) {
            throw new IllegalStateException(e);
        }
        return record;
    }
}
