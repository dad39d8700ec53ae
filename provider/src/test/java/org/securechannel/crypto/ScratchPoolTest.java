package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;

/**
 * Scratch state per platform thread, pooled for virtual threads: a virtual thread per connection reuses what
 * earlier ones gave back instead of building its own, nested takes never share an object, and records sealed
 * and opened on many virtual threads at once (every AEAD, heap and direct buffers, HKDF) stay correct.
 */
class ScratchPoolTest {
    @Test
    void aPlatformThreadKeepsItsOwnObject() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ScratchPool<Object> pool = new ScratchPool<>(() -> new Object[] {made.incrementAndGet()});
        assertFalse(ScratchPool.onVirtualThread());
        Object first = pool.take();
        pool.give(first);
        assertSame(first, pool.take(), "the same object for the same platform thread");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Object theirs = other.submit(pool::take).get(10, TimeUnit.SECONDS);
            assertNotSame(first, theirs, "another platform thread has its own");
        } finally {
            other.shutdownNow();
        }
        assertEquals(2, made.get());
    }

    @Test
    void virtualThreadsReuseWhatEarlierOnesGaveBack() throws Exception {
        ExecutorService virtual = virtualThreadPerTask();
        AtomicInteger made = new AtomicInteger();
        ScratchPool<Object> pool = new ScratchPool<>(() -> new Object[] {made.incrementAndGet()});
        try {
            for (int i = 0; i < 200; i++) {
                virtual.submit(() -> {
                    assertTrue(ScratchPool.onVirtualThread());
                    Object o = pool.take();
                    pool.give(o);
                    return null;
                }).get(10, TimeUnit.SECONDS);
            }
            assertEquals(1, made.get(), "200 virtual threads one after another: one object, not 200");
            Object[] nested = virtual.submit(() -> {
                Object a = pool.take();
                Object b = pool.take();
                pool.give(b);
                pool.give(a);
                return new Object[] {a, b};
            }).get(10, TimeUnit.SECONDS);
            assertNotSame(nested[0], nested[1], "a nested take never gets the object in use");
        } finally {
            virtual.shutdownNow();
        }
    }

    @Test
    void recordsAndHkdfOnManyVirtualThreadsAtOnce() throws Exception {
        ExecutorService virtual = virtualThreadPerTask();
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int seed = t;
                work.add(() -> {
                    roundTrips(seed);
                    return null;
                });
            }
            for (Future<Void> f : virtual.invokeAll(work, 60, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            virtual.shutdownNow();
        }
    }

    /** Every record AEAD of the default backend, several sizes, heap and direct: what is sealed opens intact. */
    private static void roundTrips(int seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        CryptoBackend backend = MeasuredDefaultBackend.INSTANCE;
        for (CipherSuite.Aead algorithm : CipherSuite.Aead.values()) {
            byte[] key = new byte[algorithm.keyLength()];
            random.nextBytes(key);
            RecordAead sealer = backend.newAead(algorithm, key);
            RecordAead opener = backend.newAead(algorithm, key);
            for (int n : new int[] {0, 64, 300, 4096, 16384}) {
                for (boolean direct : new boolean[] {false, true}) {
                    byte[] pt = new byte[n];
                    random.nextBytes(pt);
                    byte[] nonce = new byte[12];
                    random.nextBytes(nonce);
                    byte[] aad = {23, 3, 3, (byte) ((n + 17) >>> 8), (byte) (n + 17)};
                    ByteBuffer ct = allocate(direct, n + 17);
                    sealer.seal(nonce, aad, allocate(direct, n).put(pt).flip(), 23, ct);
                    ct.flip();
                    ByteBuffer back = allocate(direct, n + 1);
                    opener.open(nonce, aad, ct, n + 17, back);
                    byte[] got = new byte[n + 1];
                    back.flip().get(got);
                    byte[] inner = Arrays.copyOf(pt, n + 1);
                    inner[n] = 23;
                    assertArrayEquals(inner, got, algorithm + " " + n + (direct ? " direct" : " heap"));
                    Thread.yield(); // let another virtual thread take the carrier between records
                }
            }
        }
        byte[] prk = new byte[32];
        random.nextBytes(prk);
        byte[] expected = JdkCryptoBackend.INSTANCE.hkdfExpand(CipherSuite.Hash.SHA256, prk, new byte[] {1}, 42);
        assertArrayEquals(expected, backend.hkdfExpand(CipherSuite.Hash.SHA256, prk, new byte[] {1}, 42));
    }

    private static ByteBuffer allocate(boolean direct, int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    /** JDK 21+ only; the build targets Java 17, so the executor is found by reflection. */
    private static ExecutorService virtualThreadPerTask() throws Exception {
        java.lang.reflect.Method m;
        try {
            m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need JDK 21+");
            throw e;
        }
        return (ExecutorService) m.invoke(null);
    }
}
