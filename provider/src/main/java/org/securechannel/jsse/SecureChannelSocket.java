package org.securechannel.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.securechannel.context.ConnectionDriver;
import org.securechannel.context.ConnectionFailure;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.StreamConnection;

/**
 * An SSLSocket over a {@link SecurityContext}: the {@link StreamConnection} (the connection driver on blocking
 * streams, shared with the CLI) runs directly on the socket's streams, no SSLEngine in between. What stays here
 * is the socket's: the transport (this socket itself, created unconnected, connected by a factory or by
 * {@link #connect}, or accepted by {@link SecureChannelServerSocket}; or a connected socket it is layered over),
 * JSSE's sessions, listeners and exceptions, and the shutdown and close rules.
 *
 * <p>Threads: one thread may read while another writes. The read side ({@code readLock}) and the write side
 * ({@code writeLock}: everything sent) have separate locks; the handshake holds both, always taken read lock
 * first. The engine allows one encrypting and one decrypting thread, and {@code step} excludes both.
 *
 * <p>Timeouts: SO_TIMEOUT bounds each read, during the handshake too, with a SocketTimeoutException after
 * which the socket stays usable (as SunJSSE). The security property {@code org.securechannel.handshakeTimeout}
 * (milliseconds, read when the SSLContext is initialised; unset by default, meaning no limit, as SunJSSE) also
 * bounds the whole handshake from its first step: past it the handshake call throws an SSLHandshakeException
 * caused by a SocketTimeoutException, and the socket is closed with its buffers and keys released. A slow
 * or silent peer cannot hold the thread doing the handshake longer than that.
 *
 * <p>Memory: nothing is buffered before the first read; buffers grow with the bytes that arrive (at most
 * a few KiB beyond them) and the application's writes, drop to nothing when the handshake ends with nothing
 * pending, and are released on close.
 */
final class SecureChannelSocket extends SSLSocket implements org.securechannel.jca.SecurityContextHolder {
    private final ContextConfig config;
    private final ConnectionParameters params;
    /** The socket this one is layered over; null when this socket is its own transport. */
    private final Socket layered;
    private final boolean autoClose;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final AppInputStream appIn = new AppInputStream();
    private final AppOutputStream appOut = new AppOutputStream();

    private volatile String peerHost;
    private volatile int peerPort = -1;
    private volatile BiFunction<SSLSocket, List<String>, String> selector;

    // handshake state (written under both locks)
    private volatile SecurityContext context;
    /** The connection driver on this socket's transport; null until the handshake begins. */
    private volatile StreamConnection connection;
    /** Bytes a layered socket's creator already read from the transport, until the connection takes them. */
    private byte[] alreadyRead;
    private volatile SecureChannelSession handshakeSession;
    private volatile SecureChannelSession session;
    private volatile boolean handshakeDone;
    private volatile SSLException failure;
    private volatile String applicationProtocol;

    // closing
    private volatile boolean closed;
    private volatile boolean inboundDone;
    private volatile boolean inputShutdown;
    private volatile boolean outboundDone;
    /**
     * True while this socket calls Socket's own shutdownInput/shutdownOutput/close, which consult the overridable
     * isInputShutdown/isOutputShutdown/isClosed: during those calls they answer for the transport alone.
     */
    private volatile boolean transportCall;

    /** An unconnected socket that is its own transport. */
    SecureChannelSocket(ContextConfig config, ConnectionParameters params) {
        this.config = config;
        this.params = params;
        this.layered = null;
        this.autoClose = true;
        this.session = nullSession(null, -1);
    }

    /** Layered over {@code transport}, which must be connected; {@code consumed} bytes were already read from it. */
    SecureChannelSocket(ContextConfig config, ConnectionParameters params, Socket transport, String host, int port,
                        boolean autoClose, byte[] consumed) throws IOException {
        this.config = config;
        this.params = params;
        this.layered = Objects.requireNonNull(transport, "socket");
        this.autoClose = autoClose;
        if (!transport.isConnected()) {
            throw new SocketException("Underlying socket is not connected");
        }
        this.peerHost = host != null ? host : transport.getInetAddress().getHostAddress();
        this.peerPort = port;
        this.alreadyRead = consumed == null || consumed.length == 0 ? null : consumed.clone();
        this.session = nullSession(peerHost, peerPort);
    }

    private static SecureChannelSession nullSession(String host, int port) {
        SecureChannelSession s = new SecureChannelSession(new byte[0], host, port);
        s.protocol(SecureChannelSession.NO_PROTOCOL);
        s.invalidate();
        return s;
    }

    /** Called by the server socket once {@code implAccept} connected this socket. */
    void accepted() {
        InetAddress a = super.getInetAddress();
        peerHost = a == null ? null : a.getHostAddress();
        peerPort = super.getPort();
        session = nullSession(peerHost, peerPort);
    }

    /** A factory connects with the host name the application gave, which becomes the SNI and endpoint name. */
    void connect(String host, InetSocketAddress endpoint, int timeout) throws IOException {
        peerHost = host;
        connect(endpoint, timeout);
    }

    // ================================================================ the handshake

    @Override
    public void startHandshake() throws IOException {
        checkConnected();
        if (handshakeDone) {
            keyUpdate();
            return;
        }
        runHandshake();
    }

    /** For read, write and getSession: the handshake if it has not happened; cheap once it has. */
    private void ensureHandshake() throws IOException {
        if (!handshakeDone) {
            checkConnected();
            runHandshake();
        }
    }

    private void runHandshake() throws IOException {
        readLock.lock();
        try {
            writeLock.lock();
            try {
                if (handshakeDone) {
                    return;
                }
                if (failure != null) {
                    throw rethrow(failure);
                }
                if (closed) {
                    throw new SocketException("Socket is closed");
                }
                handshake();
            } finally {
                writeLock.unlock();
            }
        } finally {
            readLock.unlock();
            releaseIfClosed();
        }
    }

    /** Under both locks. */
    private void handshake() throws IOException {
        if (connection == null) {
            BiFunction<SSLSocket, List<String>, String> sel = selector;
            ConnectionCredentials c;
            try {
                c = ConnectionCredentials.build(config, params.request(peerHost, peerPort,
                        sel == null ? null : offered -> sel.apply(this, offered)), null, this);
            } catch (SSLHandshakeException e) {
                failure = e;
                closeQuietly();
                throw e;
            }
            InputStream rawIn = layered != null ? layered.getInputStream() : super.getInputStream();
            OutputStream rawOut = layered != null ? layered.getOutputStream() : super.getOutputStream();
            handshakeSession = c.session;
            SecurityContext created = c.newContext();
            // This socket's SO_TIMEOUT is the transport's: the connection bounds its handshake reads through it.
            connection = new StreamConnection(new ConnectionDriver(created, c.credentials.handshakeTimeout(), writeLock),
                    rawIn, rawOut, this, writeLock, alreadyRead);
            alreadyRead = null;
            context = created;
        }
        try {
            connection.handshake();
        } catch (ConnectionFailure e) {
            throw failWith(SslFailures.of(e));
        } catch (SocketTimeoutException e) {
            throw e; // nothing was lost: the handshake goes on with the next call
        } catch (IOException e) {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            throw failWith(SslFailures.of(connection.driver().endedInHandshake(e)));
        }
        finishHandshake();
    }

    private void finishHandshake() {
        SecureChannelSession s = handshakeSession;
        s.established(context, params.clientMode() ? config.clientSessions : config.serverSessions);
        applicationProtocol = context.applicationProtocol().orElse("");
        session = s;
        handshakeSession = null;
        handshakeDone = true;
        if (!listeners.isEmpty()) {
            // As SunJSSE: listeners hear about it on a thread of their own, so they may use the socket.
            HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, s);
            List<HandshakeCompletedListener> toCall = new ArrayList<>(listeners);
            Thread t = new Thread(() -> toCall.forEach(l -> l.handshakeCompleted(event)), "SecureChannel-HandshakeCompleted");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A second startHandshake: a KeyUpdate on TLS 1.3, nothing on TLS 1.2 (see {@link ConnectionDriver#requestKeyUpdate}). */
    private void keyUpdate() throws IOException {
        writeLock.lock();
        try {
            checkWritable();
            connection.keyUpdate();
        } catch (ConnectionFailure e) {
            throw failWith(SslFailures.of(e));
        } finally {
            writeLock.unlock();
            releaseIfClosed();
        }
    }

    // ================================================================ failures

    /** Remembers the failure and closes the socket (the connection sent the alert it owed, if it could). */
    private SSLException failWith(SSLException x) {
        if (failure == null) {
            failure = x;
        }
        SecureChannelSession hs = handshakeSession;
        if (hs != null) {
            hs.invalidate();
        }
        if (handshakeDone) {
            session.invalidate();
        }
        closeQuietly();
        return x;
    }

    /** A failure seen again by a later call: the same class and message, with the first failure as cause. */
    private static SSLException rethrow(SSLException first) {
        SSLException x = first instanceof SSLHandshakeException ? new SSLHandshakeException(first.getMessage())
                : new SSLException(first.getMessage());
        x.initCause(first);
        return x;
    }

    // ================================================================ reading

    private int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkConnected();
        ensureHandshake();
        if (len == 0) {
            return 0;
        }
        readLock.lock();
        try {
            if (connection.available() == 0) {
                if (inboundDone) {
                    return -1;
                }
                if (failure != null) {
                    throw rethrow(failure);
                }
                if (closed) {
                    throw new SocketException("Socket is closed");
                }
            }
            int n;
            try {
                n = connection.read(b, off, len);
            } catch (ConnectionFailure e) {
                throw failWith(SslFailures.of(e));
            } catch (SocketTimeoutException e) {
                throw e; // the socket stays usable
            } catch (IOException e) {
                if (closed || inputShutdown) {
                    inboundDone = true;
                    if (closed && !inputShutdown) {
                        throw new SocketException("Socket is closed");
                    }
                    return -1;
                }
                throw e;
            }
            if (n < 0) {
                // At the end of the stream without close_notify the input is done, as SunJSSE treats it unless
                // com.sun.net.ssl.requireCloseNotify is set, in which case it is an SSLProtocolException.
                if (!peerClosed() && !inputShutdown && Boolean.getBoolean("com.sun.net.ssl.requireCloseNotify")) {
                    throw failWith(new SSLProtocolException("Remote host terminated the connection without close_notify"));
                }
                inboundDone = true;
            }
            return n;
        } finally {
            readLock.unlock();
            releaseIfClosed();
        }
    }

    private boolean peerClosed() {
        StreamConnection c = connection;
        return c != null && c.driver().peerClosed();
    }

    private int available() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            StreamConnection c = connection;
            return c == null ? 0 : c.available();
        } finally {
            readLock.unlock();
        }
    }

    // ================================================================ writing

    private void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkConnected();
        ensureHandshake();
        writeLock.lock();
        try {
            checkWritable();
            connection.write(b, off, len);
        } catch (ConnectionFailure e) {
            throw failWith(SslFailures.of(e));
        } finally {
            writeLock.unlock();
            releaseIfClosed();
        }
    }

    private void checkWritable() throws IOException {
        if (failure != null) {
            throw rethrow(failure);
        }
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (outboundDone) {
            throw new SocketException("Socket output is already shutdown");
        }
    }

    // ================================================================ closing

    /** close_notify, then the transport's output is shut down: the peer may still send (TLS 1.3 half-close). */
    @Override
    public void shutdownOutput() throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (outboundDone) {
            return;
        }
        writeLock.lock();
        try {
            sendCloseNotify();
        } finally {
            writeLock.unlock();
        }
        if (layered != null) {
            if (autoClose && !layered.isOutputShutdown()) {
                layered.shutdownOutput();
            }
        } else if (!super.isOutputShutdown()) {
            transportCall = true;
            try {
                super.shutdownOutput();
            } finally {
                transportCall = false;
            }
        }
    }

    /** Under the write lock. */
    private void sendCloseNotify() throws IOException {
        if (outboundDone) {
            return;
        }
        outboundDone = true;
        StreamConnection c = connection;
        if (c == null || !handshakeDone || failure != null) {
            return; // nothing was said, or nothing can be said: no close_notify
        }
        try {
            c.closeOutbound();
        } catch (ConnectionFailure e) {
            throw failWith(SslFailures.of(e));
        }
    }

    /** The input is done; like SunJSSE, an SSLException when the peer had not sent close_notify. */
    @Override
    public void shutdownInput() throws IOException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (inputShutdown) {
            return;
        }
        inputShutdown = true;
        boolean notified = peerClosed();
        if (layered != null) {
            if (autoClose && !layered.isInputShutdown()) {
                layered.shutdownInput();
            }
        } else if (!super.isInputShutdown()) {
            transportCall = true;
            try {
                super.shutdownInput();
            } finally {
                transportCall = false;
            }
        }
        inboundDone = true;
        if (!notified && context != null && failure == null) {
            throw new SSLException("closing inbound before receiving peer's close_notify");
        }
    }

    /** close_notify (when a handshake completed), then the transport closes (a layered one only with autoClose). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (handshakeDone && failure == null && !outboundDone && isConnected()) {
                boolean locked = false;
                try {
                    locked = writeLock.tryLock(StreamConnection.WRITER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                    if (locked) {
                        sendCloseNotify();
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the peer may be gone; closing goes on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (locked) {
                        writeLock.unlock();
                    }
                }
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        closed = true;
        try {
            if (layered != null) {
                if (autoClose) {
                    layered.close();
                }
            }
            transportCall = true;
            super.close();
        } catch (IOException ignored) {
            // nothing more to do
        } finally {
            transportCall = false;
        }
        releaseIfClosed();
    }

    /** Wipes the keys and lets the buffers go once closed and no thread is inside encrypt, decrypt or step. */
    private void releaseIfClosed() {
        if (!closed) {
            return;
        }
        if (readLock.tryLock()) {
            try {
                if (writeLock.tryLock()) {
                    try {
                        SecurityContext c = context;
                        if (c != null) {
                            c.close();
                        }
                        StreamConnection s = connection;
                        if (s != null) {
                            s.release();
                        }
                        alreadyRead = null;
                    } finally {
                        writeLock.unlock();
                    }
                }
            } finally {
                readLock.unlock();
            }
        }
    }

    private void checkConnected() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
        if (!isConnected()) {
            throw new SocketException("Socket is not connected");
        }
    }

    // ================================================================ SSLSocket

    @Override
    public InputStream getInputStream() throws IOException {
        checkConnected();
        if (inputShutdown) {
            throw new SocketException("Socket input is shutdown");
        }
        return appIn;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkConnected();
        if (outboundDone) {
            throw new SocketException("Socket output is shutdown");
        }
        return appOut;
    }

    @Override
    public SSLSession getSession() {
        if (!handshakeDone && failure == null && !closed && isConnected()) {
            try {
                ensureHandshake();
            } catch (IOException e) {
                // as SunJSSE: the handshake failure shows as an invalid session with SSL_NULL_WITH_NULL_NULL
            }
        }
        return session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        return handshakeSession;
    }

    /** The engine context behind this socket (for {@code SecurityContextKey.of}); null before the handshake starts. */
    @Override
    public SecurityContext securityContext() {
        return context;
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener not registered");
        }
    }

    @Override
    public String getApplicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return null; // the context tells the ALPN result only once the handshake completed
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        this.selector = selector;
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    private void checkNotStarted(String what) {
        if (context != null) {
            throw new IllegalArgumentException(what + " cannot change once the handshake has begun");
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        checkNotStarted("the client/server mode");
        params.clientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return params.clientMode();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return params.supportedSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return params.enabledSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        params.enabledSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return Names.SUPPORTED_PROTOCOLS.toArray(new String[0]);
    }

    @Override
    public String[] getEnabledProtocols() {
        return params.enabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        params.enabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        params.needClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return params.needClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        params.wantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return params.wantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        params.enableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return params.enableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return params.get(peerHost);
    }

    @Override
    public void setSSLParameters(SSLParameters p) {
        params.set(p);
    }

    // ================================================================ Socket: this one, or the one underneath

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (layered != null) {
            throw new SocketException("Already connected");
        }
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new SocketException("Cannot handle non-Inet socket addresses.");
        }
        super.connect(endpoint, timeout);
        InetSocketAddress isa = (InetSocketAddress) endpoint;
        if (peerHost == null) {
            peerHost = isa.getHostString();
        }
        peerPort = isa.getPort();
        session = nullSession(peerHost, peerPort);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        if (layered != null) {
            throw new SocketException("Already bound");
        }
        super.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
        return layered != null ? layered.getInetAddress() : super.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return layered != null ? layered.getLocalAddress() : super.getLocalAddress();
    }

    @Override
    public int getPort() {
        return layered != null ? layered.getPort() : super.getPort();
    }

    @Override
    public int getLocalPort() {
        return layered != null ? layered.getLocalPort() : super.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return layered != null ? layered.getRemoteSocketAddress() : super.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return layered != null ? layered.getLocalSocketAddress() : super.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        if (layered != null) {
            layered.setTcpNoDelay(on);
        } else {
            super.setTcpNoDelay(on);
        }
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return layered != null ? layered.getTcpNoDelay() : super.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        if (layered != null) {
            layered.setSoLinger(on, linger);
        } else {
            super.setSoLinger(on, linger);
        }
    }

    @Override
    public int getSoLinger() throws SocketException {
        return layered != null ? layered.getSoLinger() : super.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        throw new SocketException("This method is not supported by SSLSockets");
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        throw new SocketException("This method is ineffective, since sending urgent data is not supported by SSLSockets");
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return layered != null ? layered.getOOBInline() : super.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (layered != null) {
            layered.setSoTimeout(timeout);
        } else {
            super.setSoTimeout(timeout);
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return layered != null ? layered.getSoTimeout() : super.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        if (layered != null) {
            layered.setSendBufferSize(size);
        } else {
            super.setSendBufferSize(size);
        }
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return layered != null ? layered.getSendBufferSize() : super.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        if (layered != null) {
            layered.setReceiveBufferSize(size);
        } else {
            super.setReceiveBufferSize(size);
        }
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return layered != null ? layered.getReceiveBufferSize() : super.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (layered != null) {
            layered.setKeepAlive(on);
        } else {
            super.setKeepAlive(on);
        }
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return layered != null ? layered.getKeepAlive() : super.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        if (layered != null) {
            layered.setTrafficClass(tc);
        } else {
            super.setTrafficClass(tc);
        }
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return layered != null ? layered.getTrafficClass() : super.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        if (layered != null) {
            layered.setReuseAddress(on);
        } else {
            super.setReuseAddress(on);
        }
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return layered != null ? layered.getReuseAddress() : super.getReuseAddress();
    }

    @Override
    public boolean isConnected() {
        return layered != null ? layered.isConnected() : super.isConnected();
    }

    @Override
    public boolean isBound() {
        return layered != null ? layered.isBound() : super.isBound();
    }

    @Override
    public boolean isClosed() {
        return transportCall ? super.isClosed() : closed;
    }

    @Override
    public boolean isInputShutdown() {
        if (transportCall) {
            return layered != null ? layered.isInputShutdown() : super.isInputShutdown();
        }
        return inputShutdown || peerClosed() || (layered != null ? layered.isInputShutdown() : super.isInputShutdown());
    }

    @Override
    public boolean isOutputShutdown() {
        if (transportCall) {
            return layered != null ? layered.isOutputShutdown() : super.isOutputShutdown();
        }
        return outboundDone || (layered != null ? layered.isOutputShutdown() : super.isOutputShutdown());
    }

    @Override
    public String toString() {
        return "SecureChannelSocket[" + (params.clientMode() ? "client" : "server") + ", " + peerHost + ":" + peerPort
                + (layered != null ? ", layered over " + layered : "") + "]";
    }

    // ================================================================ the application's streams

    private final class AppInputStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            synchronized (one) {
                int n = SecureChannelSocket.this.read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return SecureChannelSocket.this.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            checkConnected();
            return SecureChannelSocket.this.available();
        }

        @Override
        public void close() throws IOException {
            SecureChannelSocket.this.close();
        }
    }

    private final class AppOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            SecureChannelSocket.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            SecureChannelSocket.this.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            SecureChannelSocket.this.close();
        }
    }

}
