package org.securechannel.crypto;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;

/**
 * Record Ciphers of keys that are gone, kept for the next key of the same algorithm (see {@link JdkRecordAead}):
 * a connection's keys change twice in a handshake and end with it, and {@code Cipher.getInstance} walks the
 * provider list each time (~2 us and ~1 KB on JDK 17). A fixed number of slots, two compare-and-sets per call,
 * no lock: a take that finds every slot empty makes a new Cipher, a give that finds every slot full drops it.
 * The slots only smooth churn (what one connection closes, the next one opens), so a few per core suffice.
 */
final class CipherRecycler {
    /** Declared before the instances, which size their slots with it. */
    static final int SLOTS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    static final CipherRecycler AES_GCM = new CipherRecycler("AES/GCM/NoPadding");
    static final CipherRecycler CHACHA20_POLY1305 = new CipherRecycler("ChaCha20-Poly1305");

    private final String transformation;
    private final AtomicReferenceArray<Cipher> slots = new AtomicReferenceArray<>(SLOTS);
    private volatile boolean available;

    private CipherRecycler(String transformation) {
        this.transformation = transformation;
    }

    /** Throws IllegalStateException when the JDK has no such Cipher (checked once, then remembered). */
    void checkAvailable() {
        if (!available) {
            give(newCipher());
            available = true;
        }
    }

    /** A recycled Cipher, or a new one: not initialised for anything the caller may rely on. */
    Cipher take() {
        int start = start();
        for (int n = 0; n < SLOTS; n++) {
            int i = (start + n) % SLOTS;
            Cipher c = slots.get(i);
            if (c != null && slots.compareAndSet(i, c, null)) {
                return c;
            }
        }
        return newCipher();
    }

    /** Keeps {@code c} for a later {@link #take} if a slot is free; null is ignored. */
    void give(Cipher c) {
        if (c == null) {
            return;
        }
        int start = start();
        for (int n = 0; n < SLOTS; n++) {
            int i = (start + n) % SLOTS;
            if (slots.get(i) == null && slots.compareAndSet(i, null, c)) {
                return;
            }
        }
    }

    /** Threads start their scan at different slots so that two cores rarely meet on one. */
    private static int start() {
        return (int) (Thread.currentThread().getId() % SLOTS);
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is not available in this JDK", e);
        }
    }
}
