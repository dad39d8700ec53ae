package org.securechannel.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A {@link ClientSessionStore} of at most {@code capacity} sessions in all and {@code perPeer} per server, each
 * kept no longer than {@code timeout} from when it was put nor past its ticket's lifetime. The server least
 * recently connected to loses its oldest session first; a server's newest session is offered first. Single use by
 * default (RFC 8446 §C.4: a ticket offered twice links the two connections); reusable when configured so, for
 * peers that hand out one ticket per session (TLS 1.2 RFC 5077 tickets are often used so). Secrets are wiped as
 * sessions leave. One lock; every operation is a map access and a walk over one server's few sessions.
 */
public final class BoundedClientSessionStore implements ClientSessionStore {
    /** As many as the default server sends in one go (two) and a few more from later connections. */
    public static final int DEFAULT_PER_PEER = 4;

    private int capacity;
    private long timeoutMillis;
    private final int perPeer;
    private final boolean singleUse;
    private final LongSupplier clock;
    private final Map<Peer, Deque<Kept>> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    /** A session and when it was put, by this store's clock. Deques hold oldest first. */
    private record Kept(ClientSession session, long keptAt) {
    }

    public BoundedClientSessionStore(int capacity, Duration timeout) {
        this(capacity, timeout, DEFAULT_PER_PEER, true, System::currentTimeMillis);
    }

    /**
     * @param clock wall-clock milliseconds; it must be the clock the sessions' creation times were taken by, since
     *              ticket expiry is measured from them
     */
    public BoundedClientSessionStore(int capacity, Duration timeout, int perPeer, boolean singleUse, LongSupplier clock) {
        if (capacity < 0 || timeout.isNegative() || perPeer < 1) {
            throw new IllegalArgumentException("capacity and timeout must not be negative, perPeer at least 1");
        }
        this.capacity = capacity;
        this.timeoutMillis = timeout.toMillis();
        this.perPeer = perPeer;
        this.singleUse = singleUse;
        this.clock = clock;
    }

    @Override
    public synchronized void put(Peer peer, ClientSession session) {
        Deque<Kept> kept = sessions.computeIfAbsent(peer, p -> new ArrayDeque<>(2));
        kept.addLast(new Kept(session, clock.getAsLong()));
        size++;
        while (kept.size() > perPeer) {
            kept.removeFirst().session.destroy();
            size--;
        }
        trim();
    }

    @Override
    public synchronized Optional<ClientSession> take(Peer peer) {
        Deque<Kept> kept = sessions.get(peer);
        if (kept == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        Optional<ClientSession> found = Optional.empty();
        for (Iterator<Kept> it = kept.descendingIterator(); it.hasNext() && found.isEmpty(); ) {
            Kept k = it.next();
            if (!usable(k, now)) {
                it.remove();
                size--;
                k.session.destroy();
            } else if (singleUse) {
                it.remove();
                size--;
                found = Optional.of(k.session);
            } else {
                found = Optional.of(k.session.copy()); // eviction may wipe the kept one while a handshake uses it
            }
        }
        if (kept.isEmpty()) {
            sessions.remove(peer);
        }
        return found;
    }

    private boolean usable(Kept k, long now) {
        return now - k.keptAt < timeoutMillis && !k.session.state().expiredAt(now);
    }

    @Override
    public synchronized void forget(Peer peer) {
        Deque<Kept> kept = sessions.remove(peer);
        if (kept != null) {
            size -= kept.size();
            kept.forEach(k -> k.session.destroy());
        }
    }

    /** New limits, for the sessions already kept too (as an SSLSessionContext's size and timeout apply). */
    public synchronized void limits(int capacity, Duration timeout) {
        if (capacity < 0 || timeout.isNegative()) {
            throw new IllegalArgumentException("capacity and timeout must not be negative");
        }
        this.capacity = capacity;
        this.timeoutMillis = timeout.toMillis();
        trim();
    }

    /** Sessions kept, expired ones not yet noticed included. */
    public synchronized int size() {
        return size;
    }

    private void trim() {
        Iterator<Map.Entry<Peer, Deque<Kept>>> peers = sessions.entrySet().iterator();
        while (size > capacity && peers.hasNext()) {
            Deque<Kept> kept = peers.next().getValue();
            while (size > capacity && !kept.isEmpty()) {
                kept.removeFirst().session.destroy();
                size--;
            }
            if (kept.isEmpty()) {
                peers.remove();
            }
        }
    }
}
