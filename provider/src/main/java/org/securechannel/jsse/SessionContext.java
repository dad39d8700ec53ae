package org.securechannel.jsse;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.securechannel.context.ResumptionCache;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.TicketSealer;
import org.securechannel.session.TinkAvailability;
import org.securechannel.session.TinkTicketSealer;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The sessions an SSLContext has established, per side, bounded by size and timeout like SunJSSE's
 * (defaults: 20480 sessions, 86400 seconds). Sessions are listed here; what resumes them lives here too: the TLS
 * 1.2 session cache, a client's TLS 1.3 tickets, a server's ticket keys.
 */
final class SessionContext implements SSLSessionContext {
    private static final int DEFAULT_SIZE = 20480;
    private static final int DEFAULT_TIMEOUT_SECONDS = 86400;

    private final Map<ByteBuffer, SecureChannelSession> sessions = new LinkedHashMap<>();
    private int size = DEFAULT_SIZE;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    /**
     * The TLS 1.2 sessions this context's connections resume (a client's found by server name); its size and
     * timeout follow this SSLSessionContext's (0: no limit, as in SunJSSE).
     */
    private final ResumptionCache resumption = ResumptionCache.bounded(DEFAULT_SIZE, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));

    ResumptionCache resumption() {
        return resumption;
    }

    /**
     * Client: the TLS 1.3 tickets servers sent, by host, port and SNI name (as SunJSSE's client cache keys by peer
     * host and port), single use; its size and timeout follow this SSLSessionContext's too.
     */
    private final BoundedClientSessionStore tickets =
            new BoundedClientSessionStore(DEFAULT_SIZE, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));

    ClientSessionStore tickets() {
        return tickets;
    }

    /** Server: the ticket keys of this SSLContext's servers, one in-memory Tink keyset made on first use. */
    private TicketSealer ticketSealer;

    /** Null without Google Tink on the class path: the servers then issue no tickets. */
    synchronized TicketSealer ticketSealer() {
        if (ticketSealer == null && TinkAvailability.available()) {
            ticketSealer = TinkTicketSealer.inMemory();
        }
        return ticketSealer;
    }

    private void limitResumption() {
        int capacity = size == 0 ? Integer.MAX_VALUE : size;
        Duration timeout = timeoutSeconds == 0 ? Duration.ofMillis(Long.MAX_VALUE) : Duration.ofSeconds(timeoutSeconds);
        resumption.limits(capacity, timeout);
        tickets.limits(capacity, timeout);
    }

    /**
     * Session ids as map keys: a ByteBuffer compares by content, an array would not. Read-only, over an array
     * nobody else writes: a caller's array is copied, a cached session's id is viewed without a copy.
     */
    private static ByteBuffer key(byte[] id) {
        return ByteBuffer.wrap(id.clone()).asReadOnlyBuffer();
    }

    private static ByteBuffer key(SecureChannelSession session) {
        return ByteBuffer.wrap(session.idView()).asReadOnlyBuffer();
    }

    synchronized void add(SecureChannelSession session) {
        sessions.put(key(session), session);
        trim();
    }

    /**
     * An invalidated session is no longer listed, and (RFC 8446 §C.4's spirit, as SunJSSE's invalidate) no ticket of
     * its server is offered again: a client forgets the tickets it keeps for that host, port and name.
     */
    synchronized void remove(SecureChannelSession session) {
        sessions.remove(key(session));
        byte[] id = session.getId();
        if (id != null && id.length > 0) {
            resumption().forget(id); // a server's TLS 1.2 session, kept by its ID
        }
        String name = session.ticketPeerName();
        if (name != null) {
            resumption().forget(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // a client's, by server name
            int port = session.getPeerPort();
            tickets.forget(new ClientSessionStore.Peer(name, port < 0 || port > 0xFFFF ? 0 : port, name));
        }
    }

    boolean expired(SecureChannelSession session) {
        int t = timeoutSeconds;
        return t > 0 && System.currentTimeMillis() - session.getCreationTime() > t * 1000L;
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId");
        }
        SecureChannelSession s = sessions.get(key(sessionId));
        if (s != null && expired(s)) {
            sessions.remove(key(sessionId));
            return null;
        }
        return s;
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        dropExpired();
        List<byte[]> ids = new ArrayList<>();
        for (ByteBuffer k : sessions.keySet()) {
            byte[] id = new byte[k.remaining()];
            k.duplicate().get(id);
            ids.add(id);
        }
        return Collections.enumeration(ids);
    }

    @Override
    public synchronized void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        timeoutSeconds = seconds;
        dropExpired();
        limitResumption();
    }

    @Override
    public synchronized int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        this.size = size;
        trim();
        limitResumption();
    }

    @Override
    public synchronized int getSessionCacheSize() {
        return size;
    }

    private void trim() {
        // 0 means no limit, as in SunJSSE; otherwise the oldest sessions go first.
        Iterator<SecureChannelSession> it = sessions.values().iterator();
        while (size > 0 && sessions.size() > size && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private void dropExpired() {
        sessions.values().removeIf(this::expired);
    }
}
