package org.securechannel.context;

/**
 * Which sequence numbers a verifier still accepts. Size 0 (the default) is strict order: exactly the
 * next number. Size n (1..64) is a sliding window as in IPsec (RFC 4303 §3.4.3) and DTLS: anything newer
 * than the highest seen, or one of the n-1 numbers below it not seen yet, for datagram-style delivery.
 */
final class ReplayWindow {
    static final int MAX_SIZE = 64;

    private int size;
    private long highest = -1;
    /** Bit i set: {@code highest - i} has been accepted. */
    private long seen;

    void resize(int newSize) {
        if (newSize < 0 || newSize > MAX_SIZE) {
            throw new IllegalArgumentException("the verify window is 0 (strict order) to " + MAX_SIZE + ", not " + newSize);
        }
        size = newSize;
    }

    /** Null when {@code sequence} is acceptable, otherwise what is wrong with it. */
    String problem(long sequence) {
        if (sequence < 0) {
            return "sequence number " + Long.toUnsignedString(sequence) + " is out of range";
        }
        if (size == 0) {
            long expected = highest + 1;
            if (sequence == expected) {
                return null;
            }
            return (sequence < expected ? "replayed or reordered" : "skipped ahead") + ": sequence number "
                    + sequence + ", expected " + expected;
        }
        if (sequence > highest) {
            return null;
        }
        long age = highest - sequence;
        if (age >= size) {
            return "sequence number " + sequence + " is older than the window of " + size + " (highest " + highest + ")";
        }
        return (seen & (1L << age)) != 0 ? "replayed: sequence number " + sequence + " was already accepted" : null;
    }

    /** Records an accepted sequence number; only after {@link #problem} said null. */
    void accept(long sequence) {
        if (sequence > highest) {
            long shift = sequence - highest;
            seen = shift >= 64 ? 0 : seen << shift;
            seen |= 1;
            highest = sequence;
        } else {
            seen |= 1L << (highest - sequence);
        }
    }
}
