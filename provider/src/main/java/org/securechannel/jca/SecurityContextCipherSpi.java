package org.securechannel.jca;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.context.StreamSizes;

/**
 * {@code Cipher.getInstance("SecurityContext")}: EncryptMessage/DecryptMessage through JCA.
 *
 * <p>ENCRYPT_MODE: {@code update} and {@code doFinal} return exactly the TLS records the context's
 * {@code encrypt} writes for the input (plus, rarely, a KeyUpdate the context owes the peer first, also
 * one owed since a Cipher in DECRYPT_MODE took the peer's KeyUpdate).
 * DECRYPT_MODE: input is TLS records, in any split; {@code update} returns the plaintext of every complete
 * record and keeps a partial one for the next call; {@code doFinal} also insists that nothing partial is
 * left (IllegalBlockSizeException). A record that fails authentication gives AEADBadTagException from
 * {@code doFinal} (from {@code update}, whose signature cannot carry it, the plaintext before it and then an
 * IllegalStateException on the next call); the context is then failed, as TLS requires.
 */
public final class SecurityContextCipherSpi extends CipherSpi {
    /** Room for KeyUpdate records (27 bytes each) the context may send ahead of or after the data. */
    private static final int KEY_UPDATE_SLACK = 64;
    private static final int MAX_ROUNDS = 1 << 16;

    private SecurityContextKey key;
    private int mode;
    private byte[] pending = new byte[0];
    private int pendingLength;
    private SecurityContextException failure;

    @Override
    protected void engineSetMode(String m) throws NoSuchAlgorithmException {
        if (!"NONE".equalsIgnoreCase(m)) {
            throw new NoSuchAlgorithmException("SecurityContext ciphers have no mode, not " + m);
        }
    }

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {
        if (!"NoPadding".equalsIgnoreCase(padding)) {
            throw new NoSuchPaddingException("SecurityContext ciphers have no padding, not " + padding);
        }
    }

    @Override
    protected int engineGetBlockSize() {
        return 0;
    }

    @Override
    protected int engineGetOutputSize(int inputLen) {
        if (mode == Cipher.DECRYPT_MODE) {
            return (int) Math.min(Integer.MAX_VALUE, (long) pendingLength + inputLen); // plaintext never exceeds records
        }
        StreamSizes s = key == null ? new StreamSizes(5, 17, 16384, 16384 + 256 + 5) : sizes();
        long records = ((long) inputLen + s.maximumMessage() - 1) / s.maximumMessage();
        return (int) Math.min(Integer.MAX_VALUE, inputLen + records * (s.header() + s.trailer()) + KEY_UPDATE_SLACK);
    }

    private StreamSizes sizes() {
        try {
            return key.context().streamSizes();
        } catch (InvalidKeyException e) {
            return new StreamSizes(5, 17, 16384, 16384 + 256 + 5);
        }
    }

    @Override
    protected byte[] engineGetIV() {
        return null;
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return null;
    }

    @Override
    protected void engineInit(int opmode, Key k, SecureRandom random) throws InvalidKeyException {
        if (opmode != Cipher.ENCRYPT_MODE && opmode != Cipher.DECRYPT_MODE) {
            throw new UnsupportedOperationException("SecurityContext ciphers only encrypt and decrypt (no key wrapping)");
        }
        key = SecurityContextKey.cast(k);
        mode = opmode;
        pending = new byte[0];
        pendingLength = 0;
        failure = null;
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("SecurityContext ciphers take no parameters");
        }
        engineInit(opmode, k, random);
    }

    @Override
    protected void engineInit(int opmode, Key k, AlgorithmParameters params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("SecurityContext ciphers take no parameters");
        }
        engineInit(opmode, k, random);
    }

    @Override
    protected byte[] engineUpdate(byte[] input, int offset, int len) {
        if (mode == Cipher.ENCRYPT_MODE) {
            return encrypt(input, offset, len);
        }
        if (failure != null) {
            throw new IllegalStateException("an earlier record was rejected: " + failure.getMessage(), failure);
        }
        return decrypt(input, offset, len);
    }

    @Override
    protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outOffset) throws ShortBufferException {
        checkRoom(len, output, outOffset);
        return copy(engineUpdate(input, offset, len), output, outOffset);
    }

    @Override
    protected byte[] engineDoFinal(byte[] input, int offset, int len) throws IllegalBlockSizeException, BadPaddingException {
        if (mode == Cipher.ENCRYPT_MODE) {
            return encrypt(input, offset, len);
        }
        byte[] plain = failure == null ? decrypt(input, offset, len) : new byte[0];
        if (failure != null) {
            throw rejected(failure);
        }
        if (pendingLength > 0) {
            int held = pendingLength;
            pendingLength = 0;
            throw new IllegalBlockSizeException("the input ends inside a TLS record (" + held + " bytes of it held)");
        }
        return plain;
    }

    @Override
    protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outOffset)
            throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
        checkRoom(len, output, outOffset);
        return copy(engineDoFinal(input, offset, len), output, outOffset);
    }

    private void checkRoom(int len, byte[] output, int outOffset) throws ShortBufferException {
        int need = engineGetOutputSize(len);
        if (output.length - outOffset < need) {
            throw new ShortBufferException("output needs up to " + need + " bytes, has " + (output.length - outOffset));
        }
    }

    private static int copy(byte[] result, byte[] output, int outOffset) {
        System.arraycopy(result, 0, output, outOffset, result.length);
        return result.length;
    }

    private SecurityContext context() {
        try {
            return key.context();
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (NullPointerException e) {
            throw new IllegalStateException("not initialized");
        }
    }

    // ---------------------------------------------------------------- encrypt

    private byte[] encrypt(byte[] input, int offset, int len) {
        SecurityContext context = context();
        StreamSizes s = context.streamSizes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer plain = ByteBuffer.wrap(input == null ? new byte[0] : input, offset, len);
        try {
            boolean more = true;
            for (int round = 0; more && round < MAX_ROUNDS; round++) {
                int chunk = Math.min(plain.remaining(), 64 * s.maximumMessage());
                int count = (chunk + s.maximumMessage() - 1) / s.maximumMessage();
                ByteBuffer records = ByteBuffer.allocate(chunk + count * (s.header() + s.trailer()) + KEY_UPDATE_SLACK);
                Result r = context.encrypt(plain, records);
                if (r.status() != Status.OK) {
                    throw new IllegalStateException("EncryptMessage: " + r);
                }
                out.write(records.array(), 0, records.position());
                boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                // Flush what the context owes (a KeyUpdate it decided on) now, so the peer gets it promptly.
                more = progress && (plain.hasRemaining() || r.outputPending());
            }
        } catch (SecurityContextException e) {
            throw new IllegalStateException("EncryptMessage failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- decrypt

    /** Plaintext of every complete record; a failure is kept in {@link #failure} for the caller to report. */
    private byte[] decrypt(byte[] input, int offset, int len) {
        append(input, offset, len);
        SecurityContext context = context();
        ByteArrayOutputStream plainAll = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(pending, 0, pendingLength);
        try {
            for (int round = 0; in.hasRemaining() && round < MAX_ROUNDS; round++) {
                ByteBuffer plain = ByteBuffer.allocate(Math.max(in.remaining(), context.streamSizes().maximumRecord()));
                Result r = context.decrypt(in, plain);
                plainAll.write(plain.array(), 0, plain.position());
                if (r.status() == Status.RENEGOTIATE) {
                    processPostHandshake(context);
                } else if (r.status() != Status.OK || r.bytesConsumed() == 0) {
                    break; // INCOMPLETE_MESSAGE waits for more input; CONTEXT_EXPIRED: the peer closed
                }
            }
        } catch (SecurityContextException e) {
            failure = e;
        }
        int rest = in.remaining();
        System.arraycopy(pending, in.position(), pending, 0, rest);
        Arrays.fill(pending, rest, pendingLength, (byte) 0);
        pendingLength = rest;
        return plainAll.toByteArray();
    }

    /**
     * A NewSessionTicket or KeyUpdate arrived: the context takes it and keeps any KeyUpdate reply queued, to
     * leave ahead of the next records anyone encrypts on it: this Cipher, another one, or the SSLEngine or
     * SSLSocket of the same connection (a reply held here would miss their records, which the peer then
     * could not open).
     */
    private static void processPostHandshake(SecurityContext context) throws SecurityContextException {
        context.processPostHandshake();
    }

    private void append(byte[] input, int offset, int len) {
        if (len == 0 || input == null) {
            return;
        }
        if (pendingLength + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + len, 2 * pending.length));
        }
        System.arraycopy(input, offset, pending, pendingLength, len);
        pendingLength += len;
    }

    private static BadPaddingException rejected(SecurityContextException e) {
        if (e.reason() == Reason.INVALID_STATE) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        BadPaddingException x = e.reason() == Reason.BAD_RECORD_MAC
                ? new AEADBadTagException("TLS record failed authentication: " + e.getMessage())
                : new BadPaddingException("TLS records rejected (" + e.reason() + "): " + e.getMessage());
        x.initCause(e);
        return x;
    }
}
