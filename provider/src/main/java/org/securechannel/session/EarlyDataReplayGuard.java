package org.securechannel.session;

/**
 * The single-use record a server consults before it accepts 0-RTT data (RFC 8446 §8.2, "ClientHello recording"):
 * a ClientHello's PSK binder is unique to that ClientHello, so a replayed ClientHello brings a binder already
 * seen. Only ClientHellos that passed the freshness check ({@link TicketAgeWindow}) are recorded, so a record
 * need only outlive the freshness window.
 *
 * <p>What one process guarantees with {@link StrikeRegister}: early data of a given ClientHello is accepted at
 * most once by that process; when the register is full it refuses 0-RTT (the handshake goes on in 1-RTT), never
 * accepts blindly. What it cannot see is a replay sent to another server of the fleet that shares the ticket
 * keys: the other server has its own register, so the same early data could be accepted once per server. A fleet
 * that enables 0-RTT must back this interface with something all its servers share (an atomic
 * set-if-absent with expiry in a shared store, keyed as here), route each client to one server, or accept
 * one replay per server for data that is safe to replay (RFC 8446 §8, Appendix E.5).
 */
public interface EarlyDataReplayGuard {
    /** Refuses all early data: what a server without 0-RTT configured uses. */
    EarlyDataReplayGuard REFUSE_ALL = (binder, nowMillis) -> false;

    /**
     * Records {@code binder} (of a ClientHello that passed the freshness check at {@code nowMillis}); true if it was
     * not recorded before and now is, so its early data may be accepted; false if it was seen already, or cannot be
     * recorded, and 0-RTT must be rejected. Implementations are thread-safe and atomic: of two concurrent calls with
     * one binder, at most one returns true.
     */
    boolean firstUse(byte[] binder, long nowMillis);
}
