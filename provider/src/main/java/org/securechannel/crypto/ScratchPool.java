package org.securechannel.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Reusable scratch state (Macs, ChaCha20 lanes, staging arrays, CertificateFactories) that a record or HKDF call takes
 * and gives back: per platform thread, as a ThreadLocal; for virtual threads, from a small shared pool.
 *
 * <p>Why two ways: a ThreadLocal is the cheapest lookup there is, and a platform thread (a pool worker, an event
 * loop) serves many connections, so its scratch pays for itself. A server with one new virtual thread per
 * connection (Jetty 12, Tomcat, Helidon) makes a ThreadLocal a per-connection cache: every connection would
 * build its own Ciphers, Macs and tables (Cipher.getInstance and Mac.getInstance walk the provider list) and
 * throw them away. Virtual threads instead borrow from {@link #SLOTS} shared slots, two compare-and-sets per
 * call; a call that finds every slot empty makes a new object, and one that finds every slot full drops it.
 * No caller keeps the object across a blocking call, so a handful of slots serves every virtual thread.
 *
 * <p>Callers always pair {@link #take} with {@link #give} in a finally block; nested takes get distinct
 * objects in the pool and the same one on a platform thread, so users of the platform path must not re-enter.
 */
public final class ScratchPool<T> {
    /** Enough for each core's carrier to find one without contention; fewer than one per connection. */
    static final int SLOTS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** Thread.isVirtual() (JDK 21; 19-20 as a preview API), or null on the JDKs without virtual threads. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final Supplier<T> factory;
    private final ThreadLocal<T> platform;
    private final AtomicReferenceArray<T> shared = new AtomicReferenceArray<>(SLOTS);

    public ScratchPool(Supplier<T> factory) {
        this.factory = factory;
        this.platform = ThreadLocal.withInitial(factory);
    }

    /** This thread's object on a platform thread, a pooled or new one on a virtual thread. */
    public T take() {
        if (!onVirtualThread()) {
            return platform.get();
        }
        int start = (int) (Thread.currentThread().getId() % SLOTS);
        for (int n = 0; n < SLOTS; n++) {
            int i = (start + n) % SLOTS;
            T t = shared.get(i);
            if (t != null && shared.compareAndSet(i, t, null)) {
                return t;
            }
        }
        return factory.get();
    }

    /** Returns what {@link #take} gave; a no-op on a platform thread. */
    public void give(T t) {
        if (!onVirtualThread()) {
            return;
        }
        int start = (int) (Thread.currentThread().getId() % SLOTS);
        for (int n = 0; n < SLOTS; n++) {
            int i = (start + n) % SLOTS;
            if (shared.get(i) == null && shared.compareAndSet(i, null, t)) {
                return;
            }
        }
        // Every slot full: more virtual threads were inside a call at once than there are slots; let it go.
    }

    static boolean onVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17 and 18: every thread is a platform thread
        }
    }
}
