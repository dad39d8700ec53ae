package org.securechannel.jsse;

import java.lang.ref.WeakReference;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * The SSLSession of one connection, used by the engine and the sockets alike. During the handshake it is
 * the handshake session and fills up as the handshake learns things (peer host and port and requested
 * server names from the start, peer certificates when the trust manager is called); when the handshake
 * completes it is frozen with what was negotiated and joins its session context.
 */
public final class SecureChannelSession extends ExtendedSSLSession implements org.securechannel.jca.SecurityContextHolder {
    static final String NULL_SUITE = "SSL_NULL_WITH_NULL_NULL";
    static final String NO_PROTOCOL = "NONE";

    /** Random until the handshake completes; then, for TLS 1.2, the ServerHello's session ID. */
    private volatile byte[] id;
    private final long creationTime = System.currentTimeMillis();
    private final String peerHost;
    private final int peerPort;
    /** Application values (putValue), made on first put: most sessions never hold one. */
    private volatile Map<String, Object> values;
    private volatile SessionContext context;
    private volatile long lastAccessedTime = creationTime;
    private volatile boolean valid = true;
    private volatile String protocol = NO_PROTOCOL;
    private volatile String cipherSuite = NULL_SUITE;
    private volatile X509Certificate[] peerCertificates;
    private volatile X509Certificate[] localCertificates;
    private volatile List<SNIServerName> requestedServerNames = List.of();
    private static final String[] NONE = new String[0];
    // Immutable lists: a context's default list is shared by all of its sessions instead of copied into each.
    private volatile List<String> localSignatureAlgorithms = List.of();
    private volatile List<String> peerSignatureAlgorithms = List.of();

    SecureChannelSession(byte[] id, String peerHost, int peerPort) {
        this.id = id.clone();
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    // ------------------------------------------------------------ filled in by the handshake

    /**
     * Weak: a session outlives its connection in the session cache (up to 20480 of them, for a day), and
     * must not keep the connection's whole state reachable after the engine or socket is gone; that made
     * the cache the largest live set of a busy server and its GC pauses the longest.
     */
    private volatile WeakReference<org.securechannel.context.SecurityContext> securityContext;

    void securityContext(org.securechannel.context.SecurityContext context) {
        this.securityContext = new WeakReference<>(context);
    }

    /**
     * The engine context that negotiated this session, for message support through JCA; null once the
     * connection that owned it is gone.
     */
    @Override
    public org.securechannel.context.SecurityContext securityContext() {
        WeakReference<org.securechannel.context.SecurityContext> ref = securityContext;
        return ref == null ? null : ref.get();
    }

    void protocol(String protocol) {
        this.protocol = protocol;
    }

    void cipherSuite(String suite) {
        this.cipherSuite = suite;
    }

    void peerCertificates(X509Certificate[] chain) {
        this.peerCertificates = chain == null || chain.length == 0 ? null : chain.clone();
    }

    void localCertificates(X509Certificate[] chain) {
        this.localCertificates = chain == null || chain.length == 0 ? null : chain.clone();
    }

    /** Client: the name its tickets are kept under (the SNI host name sent, else the peer host); null on a server. */
    private volatile String ticketPeerName;

    void ticketPeerName(String name) {
        this.ticketPeerName = name;
    }

    String ticketPeerName() {
        return ticketPeerName;
    }

    void requestedServerNames(List<SNIServerName> names) {
        this.requestedServerNames = List.copyOf(names);
    }

    void localSignatureAlgorithms(List<String> names) {
        this.localSignatureAlgorithms = List.copyOf(names);
    }

    void peerSignatureAlgorithms(List<String> names) {
        this.peerSignatureAlgorithms = List.copyOf(names);
    }

    /**
     * The handshake of {@code context} completed: what it negotiated (version, suite, peer chain) becomes this
     * session's, and the session joins {@code sessions}. The one place the SSLEngine and the SSLSocket do this.
     */
    void established(org.securechannel.context.SecurityContext context, SessionContext sessions) {
        try {
            org.securechannel.context.ConnectionInfo info = context.connectionInfo();
            protocol(info.version().jsseName());
            cipherSuite(Names.suite(info.cipherSuite()));
            // TLS 1.2: the ID on the wire, so that a resumed session has the ID of the one it resumes, as in SunJSSE.
            // TLS 1.3 names no session on the wire (legacy_session_id), and a 1.2 ID we do not know stays random.
            byte[] wire = info.sessionId();
            if (wire.length > 0) {
                id = wire;
            }
        } catch (org.securechannel.context.SecurityContextException e) {
            // established contexts always answer; keep the null suite otherwise
        }
        peerCertificates(context.peerCertificates().toArray(new java.security.cert.X509Certificate[0]));
        joinContext(sessions);
    }

    void joinContext(SessionContext context) {
        this.context = context;
        context.add(this);
    }

    void accessed() {
        lastAccessedTime = System.currentTimeMillis();
    }

    // ------------------------------------------------------------ SSLSession

    @Override
    public byte[] getId() {
        return id.clone();
    }

    /** The id itself, not a copy, for the session cache's read-only key; never handed to applications. */
    byte[] idView() {
        return id;
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedTime;
    }

    @Override
    public void invalidate() {
        valid = false;
        SessionContext c = context;
        if (c != null) {
            c.remove(this);
        }
    }

    @Override
    public boolean isValid() {
        SessionContext c = context;
        return valid && (c == null || !c.expired(this));
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("name and value must not be null");
        }
        Object old = values().put(name, value);
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Map<String, Object> v = values;
        return v == null ? null : v.get(name);
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must not be null");
        }
        Map<String, Object> v = values;
        Object old = v == null ? null : v.remove(name);
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        Map<String, Object> v = values;
        return v == null ? NONE : v.keySet().toArray(NONE);
    }

    private Map<String, Object> values() {
        Map<String, Object> v = values;
        if (v == null) {
            synchronized (this) {
                v = values;
                if (v == null) {
                    v = new ConcurrentHashMap<>();
                    values = v;
                }
            }
        }
        return v;
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        X509Certificate[] chain = peerCertificates;
        if (chain == null) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return chain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        X509Certificate[] chain = localCertificates;
        return chain == null ? null : chain.clone();
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() throws SSLPeerUnverifiedException {
        // Deprecated since Java 9 and removed from SunJSSE's TLS 1.3 path; SunJSSE throws this too.
        throw new UnsupportedOperationException("getPeerCertificateChain is deprecated: use getPeerCertificates");
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        X509Certificate[] chain = peerCertificates;
        if (chain == null) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return chain[0].getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        X509Certificate[] chain = localCertificates;
        return chain == null ? null : chain[0].getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return Names.PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return Names.APPLICATION_BUFFER_SIZE;
    }

    // ------------------------------------------------------------ ExtendedSSLSession

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return localSignatureAlgorithms.toArray(NONE);
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return peerSignatureAlgorithms.toArray(NONE);
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    /** No OCSP stapling yet; SunJSSE's trust manager asks for these and must get an empty list, not an exception. */
    @Override
    public List<byte[]> getStatusResponses() {
        return List.of();
    }

    @Override
    public String toString() {
        return "SecureChannelSession[" + protocol + ", " + cipherSuite + ", " + peerHost + ":" + peerPort + "]";
    }
}
