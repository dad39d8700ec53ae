package org.securechannel.session;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.securechannel.crypto.ScratchPool;

/**
 * One AES-256-GCM ticket key of a Tink keyset, sealing and opening in the ciphertext format Tink's keyset AEAD
 * uses for a key with Tink's output prefix: {@code 0x01 || key id (4 bytes, big-endian) || nonce (12) ||
 * ciphertext || tag (16)}, so Tink opens what this seals and the reverse ({@link TinkKeysetAead} says why it is
 * not Tink's own AEAD at run time).
 *
 * <p>The AEAD is the JDK's {@code AES/GCM/NoPadding}, from one {@link ScratchPool} of Ciphers for every ticket key
 * of the process: one per platform thread, a few shared by all virtual threads, so a new virtual thread (one per
 * connection) builds nothing. One pool rather than one per key keeps it to that many Ciphers however many keysets
 * (one per {@code Credentials}) and keys there are; the JDK's AES re-expands its key only when a Cipher meets a key
 * other than its last, which with one primary sealing nearly every ticket is rare. The tag is checked by the
 * Cipher (in constant time); nothing here compares tags.
 */
final class TicketKey {
    /** Tink's TINK output prefix: a version byte and the key id. */
    static final int PREFIX_LENGTH = 5;
    static final byte TINK_PREFIX_VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    static final int OVERHEAD = PREFIX_LENGTH + NONCE_LENGTH + TAG_LENGTH;
    private static final ScratchPool<Cipher> CIPHERS = new ScratchPool<>(TicketKey::newCipher);

    private final int id;
    private final SecretKeySpec key;

    /** {@code keyBytes} is copied; the caller may wipe its array. */
    TicketKey(int id, byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("a ticket key is an AES-256 key, not " + keyBytes.length + " bytes");
        }
        this.id = id;
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    int id() {
        return id;
    }

    /** The id a ticket names in its prefix; only meaningful for a ticket of at least {@link #PREFIX_LENGTH} bytes. */
    static int idOf(byte[] ticket) {
        return (ticket[1] & 0xFF) << 24 | (ticket[2] & 0xFF) << 16 | (ticket[3] & 0xFF) << 8 | ticket[4] & 0xFF;
    }

    /** A ticket for {@code plaintext}: this key's prefix, {@code nonce} (12 fresh random bytes), the sealed text. */
    byte[] seal(byte[] plaintext, byte[] associatedData, byte[] nonce) throws GeneralSecurityException {
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = TINK_PREFIX_VERSION;
        out[1] = (byte) (id >>> 24);
        out[2] = (byte) (id >>> 16);
        out[3] = (byte) (id >>> 8);
        out[4] = (byte) id;
        System.arraycopy(nonce, 0, out, PREFIX_LENGTH, NONCE_LENGTH);
        Cipher c = CIPHERS.take();
        try {
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce, 0, NONCE_LENGTH));
            c.updateAAD(associatedData);
            int n = c.doFinal(plaintext, 0, plaintext.length, out, PREFIX_LENGTH + NONCE_LENGTH);
            if (n != plaintext.length + TAG_LENGTH) {
                throw new GeneralSecurityException("AES-GCM wrote " + n + " bytes for " + plaintext.length);
            }
            return out;
        } finally {
            CIPHERS.give(c);
        }
    }

    /**
     * The plaintext of {@code ticket} if this key sealed it with {@code associatedData}, else empty. The caller has
     * matched the prefix to this key and checked the ticket holds at least {@link #OVERHEAD} bytes.
     */
    Optional<byte[]> open(byte[] ticket, byte[] associatedData) throws GeneralSecurityException {
        int body = PREFIX_LENGTH + NONCE_LENGTH;
        byte[] plain = new byte[ticket.length - OVERHEAD];
        Cipher c = CIPHERS.take();
        try {
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, ticket, PREFIX_LENGTH, NONCE_LENGTH));
            c.updateAAD(associatedData);
            c.doFinal(ticket, body, ticket.length - body, plain, 0);
            return Optional.of(plain);
        } catch (AEADBadTagException e) {
            return Optional.empty(); // tampered, or sealed by another key that happens to share this id
        } finally {
            CIPHERS.give(c);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding", e);
        }
    }
}
