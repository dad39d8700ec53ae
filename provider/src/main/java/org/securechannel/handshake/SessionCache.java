package org.securechannel.handshake;

/**
 * Resumable sessions, shared by every connection of one set of credentials: a server finds them by session
 * ID, a client by the server it talks to. Implementations are thread-safe and bounded; what {@link #get}
 * returns is still within its lifetime.
 */
public interface SessionCache {
    /** Remembering nothing: every handshake is a full one. */
    SessionCache NONE = new SessionCache() {
        @Override
        public void put(byte[] key, ResumableSession session) {
            session.destroy();
        }

        @Override
        public ResumableSession get(byte[] key) {
            return null;
        }

        @Override
        public void remove(byte[] key) {
        }
    };

    /** Remembers {@code session} under {@code key}, replacing what was there; a full cache forgets its oldest. */
    void put(byte[] key, ResumableSession session);

    /** A copy of the live session under {@code key} (the caller destroys it when done), or null. */
    ResumableSession get(byte[] key);

    void remove(byte[] key);
}
