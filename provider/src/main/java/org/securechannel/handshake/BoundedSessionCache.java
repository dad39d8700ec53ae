package org.securechannel.handshake;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A {@link SessionCache} of at most {@code capacity} sessions, each living {@code lifetime} from when it was put
 * (by this cache's clock); least recently used first out. Master secrets are wiped as sessions leave. One lock:
 * lookups are a map access, never work in proportion to the cache.
 */
public final class BoundedSessionCache implements SessionCache {
    private int capacity;
    private long lifetimeMillis;
    private final LongSupplier clock;
    private final Map<ByteBuffer, Kept> sessions;

    private record Kept(ResumableSession session, long keptAt) {
    }

    public BoundedSessionCache(int capacity, Duration lifetime) {
        this(capacity, lifetime, System::currentTimeMillis);
    }

    /** With a clock of our own (milliseconds), for tests of expiry. */
    public BoundedSessionCache(int capacity, Duration lifetime, LongSupplier clock) {
        if (capacity < 0 || lifetime.isNegative()) {
            throw new IllegalArgumentException("capacity and lifetime must not be negative");
        }
        this.capacity = capacity;
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clock;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public synchronized void put(byte[] key, ResumableSession session) {
        if (capacity == 0) {
            session.destroy();
            return;
        }
        Kept old = sessions.put(ByteBuffer.wrap(key.clone()), new Kept(session, clock.getAsLong()));
        if (old != null && old.session != session) {
            old.session.destroy();
        }
        trim();
    }

    /**
     * New limits, for the sessions already kept too (as an SSLSessionContext's size and timeout apply): the
     * least recently used go until {@code capacity} remain, and each lives {@code lifetime} from when it was put.
     */
    public synchronized void limits(int capacity, Duration lifetime) {
        if (capacity < 0 || lifetime.isNegative()) {
            throw new IllegalArgumentException("capacity and lifetime must not be negative");
        }
        this.capacity = capacity;
        this.lifetimeMillis = lifetime.toMillis();
        trim();
    }

    private void trim() {
        var it = sessions.entrySet().iterator();
        while (sessions.size() > capacity && it.hasNext()) {
            it.next().getValue().session.destroy();
            it.remove();
        }
    }

    @Override
    public synchronized ResumableSession get(byte[] key) {
        ByteBuffer k = ByteBuffer.wrap(key);
        Kept kept = sessions.get(k);
        if (kept == null) {
            return null;
        }
        if (clock.getAsLong() - kept.keptAt >= lifetimeMillis) {
            sessions.remove(k);
            kept.session.destroy();
            return null;
        }
        return kept.session.copy(); // eviction may wipe the cached one while a handshake uses it
    }

    @Override
    public synchronized void remove(byte[] key) {
        Kept kept = sessions.remove(ByteBuffer.wrap(key));
        if (kept != null) {
            kept.session.destroy();
        }
    }

    public synchronized int size() {
        return sessions.size();
    }
}
