package org.securechannel.session;

import java.util.Optional;

/**
 * Where a client keeps tickets, per server: the handshake puts each NewSessionTicket's session here and takes one
 * when it next connects to the same server. Implementations are thread-safe and bounded; {@link #take} never
 * returns a session past its lifetime. {@link BoundedClientSessionStore} is the one we ship.
 */
public interface ClientSessionStore {
    /**
     * Which server a session belongs to: the host and port connected to, and the SNI name sent (null when none).
     * A session is offered only to the same all three (RFC 8446 §4.6.1: a client must not use a ticket for
     * another SNI name than the one it was issued under).
     */
    record Peer(String host, int port, String serverName) {
        public Peer {
            java.util.Objects.requireNonNull(host, "host");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port);
            }
        }
    }

    /** Remembering nothing: every handshake is a full one. */
    ClientSessionStore NONE = new ClientSessionStore() {
        @Override
        public void put(Peer peer, ClientSession session) {
            session.destroy();
        }

        @Override
        public Optional<ClientSession> take(Peer peer) {
            return Optional.empty();
        }

        @Override
        public void forget(Peer peer) {
        }
    };

    /** Keeps {@code session} for {@code peer}; the store owns it from now on (and destroys it when it goes). */
    void put(Peer peer, ClientSession session);

    /**
     * The newest session for {@code peer} that is still within its lifetime, which the caller owns and destroys; by
     * default the store no longer has it (single use, RFC 8446 §C.4). Empty when there is none.
     */
    Optional<ClientSession> take(Peer peer);

    /** Drops every session of {@code peer}, e.g. after a resumption it refused. */
    void forget(Peer peer);
}
