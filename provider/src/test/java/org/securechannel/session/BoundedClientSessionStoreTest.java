package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.securechannel.session.ClientSessionStore.Peer;

/** The client's ticket store: per server, newest first, single use, bounded by count, age and ticket lifetime. */
class BoundedClientSessionStoreTest {
    private static final Peer A = new Peer("a.example", 443, "a.example");
    private final AtomicLong now = new AtomicLong(1_000_000);

    private BoundedClientSessionStore store(int capacity, int perPeer, boolean singleUse) {
        return new BoundedClientSessionStore(capacity, Duration.ofHours(1), perPeer, singleUse, now::get);
    }

    private ClientSession session(int id) {
        return ClientSessionTest.session(now.get(), 600, id);
    }

    private static int idOf(Optional<ClientSession> s) {
        return s.orElseThrow().ticket()[0];
    }

    @Test
    void newestFirstAndEachTakenOnce() {
        BoundedClientSessionStore store = store(100, 4, true);
        store.put(A, session(1));
        store.put(A, session(2));
        assertEquals(2, idOf(store.take(A)));
        assertEquals(1, idOf(store.take(A)));
        assertEquals(Optional.empty(), store.take(A), "single use: nothing left");
        assertEquals(0, store.size());
    }

    @Test
    void serversAreKeptApartByHostPortAndServerName() {
        BoundedClientSessionStore store = store(100, 4, true);
        store.put(A, session(1));
        assertEquals(Optional.empty(), store.take(new Peer("a.example", 8443, "a.example")));
        assertEquals(Optional.empty(), store.take(new Peer("a.example", 443, null)));
        assertEquals(Optional.empty(), store.take(new Peer("b.example", 443, "a.example")));
        assertEquals(1, idOf(store.take(A)));
    }

    @Test
    void expiredSessionsAreSkippedAndWiped() {
        BoundedClientSessionStore store = new BoundedClientSessionStore(100, Duration.ofSeconds(30), 4, true, now::get);
        ClientSession old = ClientSessionTest.session(now.get(), 10, 1); // a 10 s ticket
        store.put(A, old);
        store.put(A, session(2));
        now.addAndGet(10_000);
        assertEquals(2, idOf(store.take(A)), "still within both limits");
        store.put(A, session(3));
        store.put(A, old);
        assertEquals(3, idOf(store.take(A)), "the lifetime-expired one is skipped though newer");
        assertArrayEquals(new byte[32], old.state().secret(), "and wiped");
        store.put(A, session(4));
        now.addAndGet(30_000);
        assertEquals(Optional.empty(), store.take(A), "the store's own timeout");
    }

    @Test
    void boundedPerServerAndInAllLeastRecentServerFirst() {
        BoundedClientSessionStore store = store(3, 2, true);
        store.put(A, session(1));
        store.put(A, session(2));
        store.put(A, session(3)); // per-server limit: 1 goes
        Peer b = new Peer("b.example", 443, null);
        Peer c = new Peer("c.example", 443, null);
        store.put(b, session(4));
        store.put(c, session(5)); // capacity 3: A (least recently used) loses its oldest
        assertEquals(3, store.size());
        assertEquals(3, idOf(store.take(A)));
        assertEquals(Optional.empty(), store.take(A));
        store.limits(1, Duration.ofHours(1));
        assertEquals(1, store.size());
        assertEquals(5, idOf(store.take(c)), "the most recently used server keeps its session");
    }

    @Test
    void reusableWhenConfiguredHandsOutCopies() {
        BoundedClientSessionStore store = store(10, 4, false);
        store.put(A, session(1));
        ClientSession first = store.take(A).orElseThrow();
        first.destroy();
        ClientSession second = store.take(A).orElseThrow();
        assertTrue(second.state().secret()[0] != 0, "the kept session is not wiped by a caller's destroy");
    }

    @Test
    void concurrentTakesNeverHandOutOneSessionTwice() throws Exception {
        BoundedClientSessionStore store = store(10_000, 10_000, true);
        for (int i = 0; i < 2_000; i++) {
            store.put(A, new ClientSession(new byte[] {(byte) i, (byte) (i >> 8)}, SessionStateTest.tls13(now.get(), 600)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> takers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                takers.add(pool.submit(() -> {
                    List<Integer> got = new ArrayList<>();
                    for (Optional<ClientSession> s = store.take(A); s.isPresent(); s = store.take(A)) {
                        byte[] id = s.get().ticket();
                        got.add((id[0] & 0xFF) | (id[1] & 0xFF) << 8);
                    }
                    return got;
                }));
            }
            java.util.Set<Integer> all = new java.util.HashSet<>();
            int count = 0;
            for (Future<List<Integer>> f : takers) {
                List<Integer> got = f.get(30, TimeUnit.SECONDS);
                count += got.size();
                all.addAll(got);
            }
            assertEquals(2_000, count);
            assertEquals(2_000, all.size(), "no ticket handed out twice");
        } finally {
            pool.shutdownNow();
        }
    }
}
