package org.securechannel.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.securechannel.codec.CipherSuite;

/** A transcript hash on MessageDigest; the running value is read from a clone so hashing goes on. */
final class JdkTranscriptHash implements TranscriptHash {
    private final MessageDigest digest;
    private final int length;

    JdkTranscriptHash(CipherSuite.Hash hash) {
        try {
            this.digest = MessageDigest.getInstance(hash.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hash.jcaName() + " unavailable", e);
        }
        this.length = hash.length();
    }

    @Override
    public void update(byte[] data, int offset, int len) {
        digest.update(data, offset, len);
    }

    @Override
    public byte[] current() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            // The JDK's SHA-2 digests are cloneable; a provider whose are not cannot serve TLS 1.3.
            throw new IllegalStateException("transcript digest is not cloneable", e);
        }
    }

    @Override
    public int length() {
        return length;
    }
}
