package org.securechannel.context;

import java.time.Duration;
import org.securechannel.handshake.BoundedSessionCache;
import org.securechannel.handshake.SessionCache;

/**
 * A bounded cache of resumable sessions that several {@link Credentials} can share (the JSSE provider keeps
 * one per SSLContext and role, and builds Credentials per connection). Least recently used first out; each
 * session lives {@code lifetime} from its full handshake.
 */
public final class ResumptionCache {
    private final SessionCache cache;

    private final BoundedSessionCache bounded;

    private ResumptionCache(BoundedSessionCache cache) {
        this.cache = cache;
        this.bounded = cache;
    }

    public static ResumptionCache bounded(int capacity, Duration lifetime) {
        return new ResumptionCache(new BoundedSessionCache(capacity, lifetime));
    }

    /** New limits, which apply to the sessions already kept too. */
    public void limits(int capacity, Duration lifetime) {
        bounded.limits(capacity, lifetime);
    }

    /**
     * Forgets the session kept under {@code key}: a server's by its session ID, a client's by the server name it was
     * kept for (as UTF-8), so an invalidated JSSE session is not resumed by ID again.
     */
    public void forget(byte[] key) {
        cache.remove(key);
    }

    SessionCache cache() {
        return cache;
    }
}
