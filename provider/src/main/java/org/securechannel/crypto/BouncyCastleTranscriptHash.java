package org.securechannel.crypto;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.util.Memoable;
import org.securechannel.codec.CipherSuite;

/** A transcript hash on Bouncy Castle's SHA-2 digests; the running value is read from a copy. */
final class BouncyCastleTranscriptHash implements TranscriptHash {
    private final Digest digest;
    private final int length;

    BouncyCastleTranscriptHash(CipherSuite.Hash hash) {
        this.digest = BouncyCastleCryptoBackend.digest(hash);
        this.length = hash.length();
    }

    @Override
    public void update(byte[] data, int offset, int len) {
        digest.update(data, offset, len);
    }

    @Override
    public byte[] current() {
        Digest copy = (Digest) ((Memoable) digest).copy();
        byte[] out = new byte[length];
        copy.doFinal(out, 0);
        return out;
    }

    @Override
    public int length() {
        return length;
    }
}
