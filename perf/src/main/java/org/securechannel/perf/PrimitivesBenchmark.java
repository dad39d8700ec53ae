package org.securechannel.perf;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.BouncyCastleCryptoBackend;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Hkdf;
import org.securechannel.crypto.KeyShare;
import org.securechannel.crypto.MeasuredDefaultBackend;
import org.securechannel.crypto.RecordAead;

/**
 * The primitives of a handshake and of the record layer, per backend, through the CryptoBackend SPI:
 * the numbers are what the engine gets, JCA lookups and key conversions included. The default backend
 * chooses per operation from these (MeasuredDefaultBackend); its own row ("Default") shows the choice,
 * including what is neither JDK nor Bouncy Castle (our x25519, AES-GCM for small records, ChaCha20).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrimitivesBenchmark {
    @Param({"JDK", "BouncyCastle", "Default"})
    public String backend;

    private CryptoBackend crypto;
    private byte[] x25519Peer;
    private KeyShare x25519Share;
    private byte[] p256Peer;
    private KeyPair p256;
    private KeyPair ed25519;
    private KeyPair rsa;
    private byte[] message;
    private byte[] ecdsaSignature;
    private byte[] ed25519Signature;
    private byte[] pssSignature;
    private byte[] secret;
    private RecordAead aesGcm;
    private RecordAead chacha;
    private byte[] nonce;
    private byte[] aad;
    private ByteBuffer plain;
    private ByteBuffer sealed;

    @Setup
    public void setUp() throws Exception {
        crypto = switch (backend) {
            case "JDK" -> MeasuredDefaultBackend.jdk();
            case "BouncyCastle" -> BouncyCastleCryptoBackend.INSTANCE;
            default -> CryptoBackend.defaultBackend();
        };
        x25519Peer = crypto.generateKeyShare(NamedGroup.X25519).publicValue();
        x25519Share = crypto.generateKeyShare(NamedGroup.X25519);
        p256Peer = crypto.generateKeyShare(NamedGroup.SECP256R1).publicValue();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        p256 = ec.generateKeyPair();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        // A CertificateVerify input: 64 spaces, context string, 0, SHA-256 transcript hash.
        message = new byte[64 + 33 + 1 + 32];
        ecdsaSignature = crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, p256.getPrivate(), message);
        ed25519Signature = crypto.sign(SignatureScheme.ED25519, ed25519.getPrivate(), message);
        pssSignature = crypto.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPrivate(), message);
        secret = new byte[32];
        aesGcm = crypto.newAead(CipherSuite.Aead.AES_128_GCM, new byte[16]);
        chacha = crypto.newAead(CipherSuite.Aead.CHACHA20_POLY1305, new byte[32]);
        nonce = new byte[12];
        aad = new byte[] {23, 3, 3, 0x40, 0x11};
        plain = ByteBuffer.allocate(16384);
        sealed = ByteBuffer.allocate(16384 + 1 + 16);
        check();
    }

    private void check() throws Exception {
        if (!crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, p256.getPublic(), message, ecdsaSignature)
                || !crypto.verify(SignatureScheme.ED25519, ed25519.getPublic(), message, ed25519Signature)
                || !crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPublic(), message, pssSignature)) {
            throw new IllegalStateException(backend + ": a signature does not verify");
        }
    }

    @Benchmark
    public byte[] x25519KeygenAgree() throws Exception {
        KeyShare k = crypto.generateKeyShare(NamedGroup.X25519);
        return k.sharedSecret(x25519Peer);
    }

    /** Key generation alone (the public value is computed when the share is made). */
    @Benchmark
    public KeyShare x25519Keygen() throws Exception {
        return crypto.generateKeyShare(NamedGroup.X25519);
    }

    /** One agreement with a fixed share. */
    @Benchmark
    public byte[] x25519Agree() throws Exception {
        return x25519Share.sharedSecret(x25519Peer);
    }

    @Benchmark
    public byte[] p256KeygenAgree() throws Exception {
        KeyShare k = crypto.generateKeyShare(NamedGroup.SECP256R1);
        return k.sharedSecret(p256Peer);
    }

    @Benchmark
    public byte[] ecdsaP256Sign() throws Exception {
        return crypto.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, p256.getPrivate(), message);
    }

    @Benchmark
    public boolean ecdsaP256Verify() {
        return crypto.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, p256.getPublic(), message, ecdsaSignature);
    }

    @Benchmark
    public byte[] ed25519Sign() throws Exception {
        return crypto.sign(SignatureScheme.ED25519, ed25519.getPrivate(), message);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return crypto.verify(SignatureScheme.ED25519, ed25519.getPublic(), message, ed25519Signature);
    }

    @Benchmark
    public byte[] rsaPss2048Sign() throws Exception {
        return crypto.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPrivate(), message);
    }

    @Benchmark
    public boolean rsaPss2048Verify() {
        return crypto.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPublic(), message, pssSignature);
    }

    @Benchmark
    public byte[] hkdfExpandLabel() {
        return Hkdf.expandLabel(crypto, CipherSuite.Hash.SHA256, secret, "c hs traffic", secret, 32);
    }

    @Benchmark
    public byte[] transcriptHash() {
        org.securechannel.crypto.TranscriptHash t = crypto.newTranscriptHash(CipherSuite.Hash.SHA256);
        t.update(message);
        return t.current();
    }

    @Benchmark
    public int aes128GcmSeal16k() throws Exception {
        return seal(aesGcm);
    }

    @Benchmark
    public int chacha20Poly1305Seal16k() throws Exception {
        return seal(chacha);
    }

    private int seal(RecordAead aead) throws Exception {
        // A fresh nonce per record, as the record layer makes them (ChaCha20 refuses a repeated one).
        nonce[11]++;
        if (nonce[11] == 0) {
            nonce[10]++;
        }
        plain.clear();
        sealed.clear();
        aead.seal(nonce, aad, plain, 23, sealed);
        return sealed.position();
    }
}
