package org.securechannel.context;

import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.handshake.SessionCache;

/**
 * Learns a TLS 1.2 connection's session ID from the session cache its handshake uses, as {@link LocalCertificates}
 * learns the chain we presented from the selector: after a full handshake the handshake stores the session under
 * the ID of the ServerHello (a server by that ID, a client by the server's name, the ID inside), and a resumption
 * takes the stored session, ID and all. So the ID is the one stored by a full handshake, or the one taken by a
 * resumed one ({@link #sessionId(boolean)}).
 *
 * <p>What it cannot see: a client that keeps no sessions (no cache, or no server name to file them under) never
 * stores the server's ID, and reports none. A server without a cache sends none. The handshake summary carrying
 * the ID itself would remove these gaps and this class.
 */
final class SessionIdRecorder implements SessionCache {
    private static final byte[] NONE = new byte[0];

    private final SessionCache cache;
    private volatile byte[] stored = NONE;
    private volatile byte[] taken = NONE;

    SessionIdRecorder(SessionCache cache) {
        this.cache = cache;
    }

    /**
     * {@code config} with its session cache watched by this recorder; a config without a cache is returned as it
     * is (the handshake tells "no cache" by identity, and there is nothing to learn).
     */
    HandshakeConfig watch(HandshakeConfig config) {
        if (config.sessions() == SessionCache.NONE) {
            return config;
        }
        return new HandshakeConfig(config.client(), config.cipherSuites(), config.groups(), config.signatureSchemes(),
                config.applicationProtocols(), config.serverName(), config.clientAuth(), config.crypto(), config.random(),
                config.certificates(), config.peerAuthenticator(), config.applicationProtocolSelector(),
                config.serverNameAcceptor(), this);
    }

    /** The session ID of this connection: the one taken when it resumed a session, else the one it stored (or none). */
    byte[] sessionId(boolean resumed) {
        return resumed ? taken : stored;
    }

    @Override
    public void put(byte[] key, ResumableSession session) {
        stored = session.id();
        cache.put(key, session);
    }

    @Override
    public ResumableSession get(byte[] key) {
        ResumableSession s = cache.get(key);
        if (s != null) {
            taken = s.id();
        }
        return s;
    }

    @Override
    public void remove(byte[] key) {
        cache.remove(key);
    }
}
