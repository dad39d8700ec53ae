package org.securechannel.jsse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
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
import org.securechannel.context.Credentials;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * An SSLSocket over a {@link SecurityContext}: the token loop runs directly on the socket's streams (no
 * SSLEngine in between). The transport is either this socket itself (created unconnected, connected by a
 * factory or by {@link #connect}, or accepted by {@link SecureChannelServerSocket}) or a connected socket it
 * is layered over.
 *
 * <p>Threads: one thread may read while another writes. The read side ({@code readLock}: {@code in},
 * {@code plain}, decrypt) and the write side ({@code writeLock}: {@code out}, encrypt, everything sent) have
 * separate locks; the handshake and post-handshake messages ({@code step}) hold both, always taken read
 * lock first. The engine allows one encrypting and one decrypting thread, and {@code step} excludes both.
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
    /**
     * Buffers grow with what arrives, not with what could arrive: {@code in} holds the bytes read and not yet
     * consumed plus at most this much room (a record header may announce 16 KiB; we read towards it in steps),
     * so a connection that has sent little costs little.
     */
    private static final int READ_ROOM = 4096;
    /** The least room a read is given: a handshake record usually arrives in one read, not header then body. */
    private static final int MIN_READ_ROOM = 1024;
    /** What {@code out} is for a handshake step: a usual flight leaves in one write (larger ones in several). */
    private static final int STEP_OUT = 4096;
    /** Header, inner content type and AEAD tag of a TLS 1.3 record (we do not pad). */
    private static final int RECORD_OVERHEAD = 5 + 1 + 16;
    private static final int MAX_FRAGMENT = 16384;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** How long close waits for a concurrent writer before it gives up on sending close_notify. */
    private static final long CLOSE_WAIT_MILLIS = 1000;

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
    private volatile Credentials credentials;
    private volatile SecureChannelSession handshakeSession;
    private volatile SecureChannelSession session;
    private volatile boolean handshakeDone;
    private volatile SSLException failure;
    private volatile String applicationProtocol;
    private InputStream rawIn;
    private OutputStream rawOut;

    // closing
    private volatile boolean closed;
    private volatile boolean inboundDone;
    private volatile boolean peerClosed;
    private volatile boolean inputShutdown;
    private volatile boolean outboundDone;
    /**
     * True while this socket calls Socket's own shutdownInput/shutdownOutput/close, which consult the overridable
     * isInputShutdown/isOutputShutdown/isClosed: during those calls they answer for the transport alone.
     */
    private volatile boolean transportCall;

    /** Peer bytes not yet consumed, read mode; empty until the first read. Read side. */
    private ByteBuffer in = none();
    /** Decrypted bytes not yet handed out, read mode; sized to the records that came. Read side. */
    private ByteBuffer plain = none();
    /** Output of step and encrypt; sized to a flight or to the application's writes. Write side. */
    private ByteBuffer out = none();
    /** System.nanoTime() by which the handshake must complete; 0: no limit. Under both locks. */
    private long handshakeDeadline;
    private long handshakeTimeoutMillis;

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
        if (consumed != null && consumed.length > 0) {
            in = ByteBuffer.wrap(consumed.clone());
        }
        this.session = nullSession(peerHost, peerPort);
    }

    /** An empty buffer in read mode: what a socket holds where nothing is buffered. */
    private static ByteBuffer none() {
        return ByteBuffer.allocate(0);
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
        if (context == null) {
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
            rawIn = layered != null ? layered.getInputStream() : super.getInputStream();
            rawOut = layered != null ? layered.getOutputStream() : super.getOutputStream();
            credentials = c.credentials;
            handshakeSession = c.session;
            long timeout = c.credentials.handshakeTimeout().toMillis();
            if (timeout > 0) {
                handshakeTimeoutMillis = timeout;
                handshakeDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            }
            context = c.newContext();
        }
        try {
            while (true) {
                Result r = stepAndSend(in);
                switch (r.status()) {
                    case OK:
                        if (r.outputPending()) {
                            continue;
                        }
                        finishHandshake();
                        return;
                    case CONTINUE_NEEDED:
                        if (r.outputPending() || r.bytesConsumed() > 0 && in.hasRemaining()) {
                            continue; // more to send first, or the next records are already here
                        }
                        fillDuringHandshake(1);
                        break;
                    case INCOMPLETE_MESSAGE:
                        fillDuringHandshake(r.missing());
                        break;
                    case INCOMPLETE_CREDENTIALS:
                        // The server asked for a certificate the key manager does not have: go on without, as SunJSSE does.
                        context.supplyCredentials(credentials);
                        break;
                    case CONTEXT_EXPIRED:
                        throw new EOFException("the peer sent close_notify during the handshake");
                    default:
                        throw new SSLProtocolException("unexpected result during the handshake: " + r);
                }
            }
        } catch (SecurityContextException e) {
            throw fail(e, true);
        } catch (SocketTimeoutException e) {
            throw e; // nothing was lost: the handshake goes on with the next call
        } catch (SSLException e) {
            throw failWith(e);
        } catch (IOException e) {
            if (closed) {
                throw new SocketException("Socket is closed");
            }
            SSLHandshakeException x = new SSLHandshakeException("Remote host terminated the handshake: "
                    + (e instanceof EOFException ? "the connection closed before the handshake completed" : e));
            x.initCause(e);
            throw failWith(x);
        }
    }

    private void fillDuringHandshake(int missing) throws IOException {
        if (!(handshakeDeadline == 0 ? fill(missing) : fillBeforeDeadline(missing))) {
            throw new EOFException("the connection closed before the handshake completed");
        }
    }

    /**
     * A read bounded by the handshake deadline as well as by SO_TIMEOUT, whichever comes first: SO_TIMEOUT
     * gives the usual SocketTimeoutException (the handshake goes on with the next call); the deadline gives an
     * SSLHandshakeException, and the socket is closed with everything it held.
     */
    private boolean fillBeforeDeadline(int missing) throws IOException {
        long left = handshakeDeadline - System.nanoTime();
        if (left <= 0) {
            throw handshakeTimedOut(null);
        }
        int soTimeout = getSoTimeout();
        long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
        boolean deadlineFirst = soTimeout == 0 || leftMillis < soTimeout;
        if (deadlineFirst) {
            setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
        }
        try {
            return fill(missing);
        } catch (SocketTimeoutException e) {
            throw deadlineFirst ? handshakeTimedOut(e) : e;
        } finally {
            if (deadlineFirst) {
                try {
                    setSoTimeout(soTimeout);
                } catch (SocketException closedMeanwhile) {
                    // nothing to restore on a closed socket
                }
            }
        }
    }

    private SSLHandshakeException handshakeTimedOut(SocketTimeoutException cause) {
        SSLHandshakeException x = new SSLHandshakeException("the handshake did not complete within "
                + handshakeTimeoutMillis + " ms (org.securechannel.handshakeTimeout)");
        x.initCause(cause != null ? cause : new SocketTimeoutException("handshake timed out"));
        return x;
    }

    private void finishHandshake() {
        SecureChannelSession s = handshakeSession;
        s.established(context, params.clientMode() ? config.clientSessions : config.serverSessions);
        applicationProtocol = context.applicationProtocol().orElse("");
        session = s;
        handshakeSession = null;
        handshakeDone = true;
        handshakeDeadline = 0;
        // Idle connections keep no handshake-sized buffers: the next read or write sizes them to what it needs.
        out = none();
        if (!in.hasRemaining()) {
            in = none();
        }
        if (!listeners.isEmpty()) {
            // As SunJSSE: listeners hear about it on a thread of their own, so they may use the socket.
            HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, s);
            List<HandshakeCompletedListener> toCall = new ArrayList<>(listeners);
            Thread t = new Thread(() -> toCall.forEach(l -> l.handshakeCompleted(event)), "SecureChannel-HandshakeCompleted");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A second startHandshake: see {@link SecondHandshake}. */
    private void keyUpdate() throws IOException {
        writeLock.lock();
        try {
            checkWritable();
            if (!SecondHandshake.request(context)) {
                return;
            }
            Result r = stepAndSend(EMPTY);
            for (int i = 0; r.outputPending() && i < 16; i++) {
                r = stepAndSend(EMPTY);
            }
        } catch (SecurityContextException e) {
            throw fail(e, false);
        } finally {
            writeLock.unlock();
            releaseIfClosed();
        }
    }

    /** One step with its output on the wire; under the write lock (and the read lock: step excludes decrypt). */
    private Result stepAndSend(ByteBuffer input) throws IOException, SecurityContextException {
        if (out.capacity() < STEP_OUT) {
            out = ByteBuffer.allocate(STEP_OUT); // smaller would cut a flight into many small records
        }
        while (true) {
            out.clear();
            Result r = context.step(input, out);
            if (r.status() == Status.BUFFER_TOO_SMALL) {
                out = ByteBuffer.allocate(Math.max(r.missing(), out.capacity() * 2));
                continue;
            }
            send();
            return r;
        }
    }

    private void send() throws IOException {
        out.flip();
        if (out.hasRemaining()) {
            rawOut.write(out.array(), out.arrayOffset() + out.position(), out.remaining());
            rawOut.flush();
        }
        out.clear();
    }

    /**
     * Reads once more from the socket into {@code in}, towards the {@code missing} bytes; false at end of stream.
     * {@code in} grows by at most {@link #READ_ROOM} beyond what it holds, whatever a header announced.
     */
    private boolean fill(int missing) throws IOException {
        in.compact();
        int wanted = Math.min(Math.max(missing, 1), READ_ROOM);
        if (in.remaining() < wanted) {
            ByteBuffer bigger = ByteBuffer.allocate(in.position() + Math.max(wanted, MIN_READ_ROOM));
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        int n;
        try {
            n = rawIn.read(in.array(), in.arrayOffset() + in.position(), in.remaining());
        } catch (IOException e) {
            in.flip(); // back to read mode: a caller that retries after a timeout loses nothing
            throw e;
        }
        if (n > 0) {
            in.position(in.position() + n);
        }
        in.flip();
        return n >= 0;
    }

    // ================================================================ failures

    /** Sends the alert the context owes the peer, closes the socket, and remembers the failure. */
    private SSLException fail(SecurityContextException e, boolean handshaking) {
        byte[] alert = e.alertToSend();
        if (alert.length > 0 && rawOut != null) {
            boolean locked = false;
            try {
                locked = writeLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (locked) {
                    rawOut.write(alert);
                    rawOut.flush();
                }
            } catch (IOException ignored) {
                // the peer may be gone already; the failure is what matters
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } finally {
                if (locked) {
                    writeLock.unlock();
                }
            }
        }
        SSLException x = handshaking ? new SSLHandshakeException(e.getMessage()) : new SSLException(e.getMessage());
        x.initCause(e);
        return failWith(x);
    }

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
            while (true) {
                if (plain.hasRemaining()) {
                    int n = Math.min(len, plain.remaining());
                    plain.get(b, off, n);
                    return n;
                }
                if (inboundDone) {
                    return -1;
                }
                if (failure != null) {
                    throw rethrow(failure);
                }
                if (closed) {
                    throw new SocketException("Socket is closed");
                }
                if (in.hasRemaining() && decryptOnce()) {
                    continue;
                }
                if (!fillForRead()) {
                    return -1;
                }
            }
        } finally {
            readLock.unlock();
            releaseIfClosed();
        }
    }

    /** Whether the last RENEGOTIATE was answered without decrypt having consumed a byte (read lock). */
    private boolean answeredWithoutProgress;

    /** Decrypts what {@code in} holds into {@code plain}; false when more bytes must be read first. */
    private boolean decryptOnce() throws IOException {
        int arrived = Math.min(in.remaining(), Names.APPLICATION_BUFFER_SIZE);
        if (plain.capacity() < arrived) {
            // A record's content is shorter than the record: room for what arrived is room for its records.
            plain = ByteBuffer.allocate(arrived);
        }
        plain.clear();
        Result r;
        try {
            r = context.decrypt(in, plain);
        } catch (SecurityContextException e) {
            plain.flip();
            throw fail(e, false);
        }
        plain.flip();
        boolean stalledBefore = answeredWithoutProgress;
        answeredWithoutProgress = false;
        switch (r.status()) {
            case OK:
                return r.bytesConsumed() > 0 || plain.hasRemaining();
            case INCOMPLETE_MESSAGE:
                if (!plain.hasRemaining()) {
                    fillForRead(r.missing()); // at the end of the stream, inboundDone says what happened
                }
                return true;
            case BUFFER_TOO_SMALL:
                plain = ByteBuffer.allocate(Math.max(r.missing(), plain.capacity())).flip();
                return true;
            case CONTEXT_EXPIRED:
                peerClosed = true;
                inboundDone = true;
                return true;
            case RENEGOTIATE:
                if (r.bytesConsumed() == 0 && !plain.hasRemaining()) {
                    if (stalledBefore) {
                        // step must take every buffered post-handshake message; asking again would spin forever.
                        throw failWith(new SSLProtocolException("a post-handshake message stays unprocessed"));
                    }
                    answeredWithoutProgress = true;
                }
                answerPostHandshakeMessage();
                return true;
            default:
                throw new SSLProtocolException("unexpected result from decrypt: " + r);
        }
    }

    private boolean fillForRead() throws IOException {
        return fillForRead(1);
    }

    /**
     * Reads more; at the end of the stream without close_notify, the input is done (false), as SunJSSE treats
     * it unless {@code com.sun.net.ssl.requireCloseNotify} is set, in which case it is an SSLProtocolException.
     */
    private boolean fillForRead(int missing) throws IOException {
        boolean more;
        try {
            more = fill(missing);
        } catch (SocketTimeoutException e) {
            throw e; // the socket stays usable
        } catch (IOException e) {
            if (closed || inputShutdown) {
                inboundDone = true;
                if (closed && !inputShutdown) {
                    throw new SocketException("Socket is closed");
                }
                return false;
            }
            throw e;
        }
        if (!more) {
            if (!inputShutdown && Boolean.getBoolean("com.sun.net.ssl.requireCloseNotify")) {
                SSLProtocolException x = new SSLProtocolException("Remote host terminated the connection without close_notify");
                throw failWith(x);
            }
            inboundDone = true;
        }
        return more;
    }

    /** A ticket or KeyUpdate: step processes it, and a KeyUpdate reply goes out; under both locks. */
    private void answerPostHandshakeMessage() throws IOException {
        SecurityContextException failed = null;
        writeLock.lock();
        try {
            Result r = stepAndSend(EMPTY);
            for (int i = 0; i < 16 && (r.outputPending() || r.status() == Status.INCOMPLETE_CREDENTIALS); i++) {
                if (r.status() == Status.INCOMPLETE_CREDENTIALS) {
                    context.supplyCredentials(credentials);
                }
                r = stepAndSend(EMPTY);
            }
        } catch (SecurityContextException e) {
            failed = e;
        } finally {
            writeLock.unlock();
        }
        if (failed != null) {
            throw fail(failed, false);
        }
    }

    private int available() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            return plain.remaining();
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
            ByteBuffer p = ByteBuffer.wrap(b, off, len);
            int record = Math.min(len, MAX_FRAGMENT) + RECORD_OVERHEAD;
            if (out.capacity() < record) {
                out = ByteBuffer.allocate(Math.max(record, Math.min(2 * out.capacity(), MAX_FRAGMENT + RECORD_OVERHEAD)));
            }
            while (p.hasRemaining()) {
                out.clear();
                Result r;
                try {
                    r = context.encrypt(p, out);
                    if (r.status() == Status.BUFFER_TOO_SMALL) {
                        out = ByteBuffer.allocate(Math.max(r.missing(), out.capacity()));
                        continue;
                    }
                    send();
                    if (r.outputPending()) {
                        stepAndSend(EMPTY); // e.g. a KeyUpdate the context owes the peer
                    }
                } catch (SecurityContextException e) {
                    throw fail(e, false);
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    throw new SSLException("encrypt made no progress: " + r);
                }
            }
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
        SecurityContext c = context;
        if (c == null || !handshakeDone || failure != null) {
            return; // nothing was said, or nothing can be said: no close_notify
        }
        c.shutdown();
        try {
            Result r = stepAndSend(EMPTY);
            for (int i = 0; r.outputPending() && i < 16; i++) {
                r = stepAndSend(EMPTY);
            }
        } catch (SecurityContextException e) {
            throw fail(e, false);
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
        boolean notified = peerClosed;
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
                    locked = writeLock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
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
                        if (in.capacity() > 0 || plain.capacity() > 0 || out.capacity() > 0) {
                            in = none();
                            plain = none();
                            out = none();
                        }
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
        return inputShutdown || peerClosed || (layered != null ? layered.isInputShutdown() : super.isInputShutdown());
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
