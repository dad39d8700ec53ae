package org.securechannel.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, in-process {@link EarlyDataReplayGuard}: each binder is remembered for {@code window} (the freshness
 * window: a replay after that fails the ticket-age check anyway), at most {@code capacity} at a time. A full
 * register refuses 0-RTT rather than forget a binder early: under a flood of fresh 0-RTT ClientHellos the server
 * falls back to 1-RTT, it never accepts a replay. One lock; entries leave in the order they came, as their
 * windows end in that order.
 */
public final class StrikeRegister implements EarlyDataReplayGuard {
    private final int capacity;
    private final long windowMillis;
    private final Map<ByteBuffer, Long> seen = new LinkedHashMap<>();

    public StrikeRegister(int capacity, Duration window) {
        if (capacity < 0 || window.isNegative()) {
            throw new IllegalArgumentException("capacity and window must not be negative");
        }
        this.capacity = capacity;
        this.windowMillis = window.toMillis();
    }

    @Override
    public synchronized boolean firstUse(byte[] binder, long nowMillis) {
        forgetEnded(nowMillis);
        ByteBuffer key = ByteBuffer.wrap(binder.clone());
        if (seen.containsKey(key) || seen.size() >= capacity) {
            return false;
        }
        seen.put(key, nowMillis + windowMillis);
        return true;
    }

    private void forgetEnded(long nowMillis) {
        Iterator<Long> it = seen.values().iterator();
        while (it.hasNext()) {
            if (nowMillis - it.next() < 0) {
                return; // this one and every later one are still inside their window
            }
            it.remove();
        }
    }

    /** Binders remembered now (some may have ended their window unnoticed). */
    public synchronized int size() {
        return seen.size();
    }
}
