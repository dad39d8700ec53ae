package org.securechannel.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/** Placeholder replaced by the crypto work in progress. */
final class JdkCryptoBackend implements CryptoBackend {
    static final JdkCryptoBackend INSTANCE = new JdkCryptoBackend();

    public String name() { return "JDK"; }
    public RecordAead newAead(CipherSuite.Aead a, byte[] k) { throw new IllegalStateException(); }
    public KeyShare generateKeyShare(NamedGroup g) { throw new IllegalStateException(); }
    public byte[] hmac(CipherSuite.Hash h, byte[] k, byte[] d) { throw new IllegalStateException(); }
    public byte[] hkdfExtract(CipherSuite.Hash h, byte[] s, byte[] i) { throw new IllegalStateException(); }
    public byte[] hkdfExpand(CipherSuite.Hash h, byte[] p, byte[] i, int l) { throw new IllegalStateException(); }
    public TranscriptHash newTranscriptHash(CipherSuite.Hash h) { throw new IllegalStateException(); }
    public byte[] sign(SignatureScheme s, PrivateKey k, byte[] m) { throw new IllegalStateException(); }
    public boolean verify(SignatureScheme s, PublicKey k, byte[] m, byte[] sig) { throw new IllegalStateException(); }
    public SecureRandom random() { return new SecureRandom(); }
}
