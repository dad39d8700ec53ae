package org.securechannel.jsse;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.securechannel.context.ConnectionDriver;
import org.securechannel.context.ConnectionFailure;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;

/**
 * An SSLEngine over a {@link SecurityContext} (DESIGN §3), through the {@link ConnectionDriver} that the SSLSocket
 * and the CLI share: the driver steps the handshake, stages its output (and the alert after a failure) for the
 * next wrap, answers post-handshake messages and keeps the progress guarantee. What stays here is JSSE's: the
 * statuses, one record per unwrap, the buffers of the caller, and the locks. The context is created at the first
 * {@code beginHandshake}/{@code wrap}/{@code unwrap} from the parameters set by then.
 *
 * <p>Locks: the context allows one encrypting and one decrypting thread, and so does this engine. Once the
 * handshake is over, application data goes through {@code wrap} under {@link #wrapLock} alone and through
 * {@code unwrap} under {@link #unwrapLock} alone; everything else (the handshake, closing, failures, post-
 * handshake messages, parameters) holds both, always {@code unwrapLock} first. {@code wrapLock} is the driver's
 * outbound lock: the lone unwrap takes it when the driver stages a reply or records a failure.
 */
final class SecureChannelEngine extends SSLEngine implements org.securechannel.jca.SecurityContextHolder {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final ContextConfig config;
    private final ReentrantLock unwrapLock = new ReentrantLock();
    private final ReentrantLock wrapLock = new ReentrantLock();

    /** Fixed once the context exists; the same settings and rules as SecureChannelSocket's. */
    private final ConnectionParameters params;
    private BiFunction<SSLEngine, List<String>, String> protocolSelector;

    // state
    /** Volatile for {@link #getHandshakeApplicationProtocol}, which frameworks call from any thread without our lock. */
    private volatile SecurityContext context;
    private volatile ConnectionDriver driver;
    private SecureChannelSession handshakeSession;
    // Volatile where one direction reads what the other writes without sharing its lock (status reports).
    private volatile SecureChannelSession session;
    private volatile boolean inboundDone;
    private volatile boolean outboundDone;
    private volatile SSLException failure;
    private String applicationProtocol;

    SecureChannelEngine(ContextConfig config, String peerHost, int peerPort) {
        super(peerHost, peerPort);
        this.config = config;
        this.params = new ConnectionParameters(config, false);
        this.session = new SecureChannelSession(new byte[0], peerHost, peerPort);
    }

    // ================================================================ wrap

    /** Overridden so that the common one-buffer call allocates no array (SSLEngine's default does). */
    @Override
    public SSLEngineResult wrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        if (src == null) {
            throw new IllegalArgumentException("src is null");
        }
        return wrap(src, null, 0, 0, dst);
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i] == null) {
                throw new IllegalArgumentException("srcs[" + i + "] is null");
            }
        }
        return wrap(null, srcs, offset, length, dst);
    }

    /** The sources are {@code single} when it is not null, else {@code srcs[offset, offset + length)}. */
    private SSLEngineResult wrap(ByteBuffer single, ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
            throws SSLException {
        if (dst == null) {
            throw new IllegalArgumentException("dst is null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        ConnectionFailure encryptFailure = null;
        wrapLock.lock();
        try {
            if (wrapsDataAlone()) {
                try {
                    return wrapData(single, srcs, offset, length, dst);
                } catch (ConnectionFailure e) {
                    encryptFailure = e; // recorded below, under both locks
                }
            }
        } finally {
            wrapLock.unlock();
        }
        lockBoth();
        try {
            if (encryptFailure != null) {
                throw fail(encryptFailure);
            }
            if (alertPending()) {
                return sendAlert(dst);
            }
            if (outboundDone) {
                return result(SSLEngineResult.Status.CLOSED, 0, 0);
            }
            if (failure != null) {
                throw failure;
            }
            if (closeRequested()) {
                return wrapClose(dst);
            }
            ensureContext();
            if (driver.staged() == 0 && !driver.finished() && (driver.wantsToSend() || params.clientMode() && !driver.started())) {
                if (handshakeStep(EMPTY).status() == Status.OK) {
                    return finishHandshake(SSLEngineResult.Status.OK, 0, 0);
                }
            } else if (driver.staged() == 0 && driver.wantsToSend()) {
                produceOwed(); // a KeyUpdate owed to the peer
            }
            if (driver.staged() > 0) {
                return drainOutbox(dst, SSLEngineResult.Status.OK);
            }
            if (!driver.finished()) {
                return result(SSLEngineResult.Status.OK, 0, 0);
            }
            try {
                return wrapData(single, srcs, offset, length, dst);
            } catch (ConnectionFailure e) {
                throw fail(e);
            }
        } finally {
            unlockBoth();
        }
    }

    /** Application data and nothing else owed: the one case wrap runs under its own lock alone. */
    private boolean wrapsDataAlone() {
        ConnectionDriver d = driver;
        return d != null && d.finished() && failure == null && !outboundDone && !d.closeRequested() && !d.wantsToSend();
    }

    private void lockBoth() {
        unwrapLock.lock();
        wrapLock.lock();
    }

    private void unlockBoth() {
        wrapLock.unlock();
        unwrapLock.unlock();
    }

    /** Encrypts; a failure is the caller's to record (it must hold both locks to do so). */
    private SSLEngineResult wrapData(ByteBuffer single, ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
            throws ConnectionFailure {
        ByteBuffer plain = single == null ? gather(srcs, offset, length) : single.hasRemaining() ? single : EMPTY;
        int start = plain.position();
        Result r = driver.protect(plain, dst);
        if (r.status() == Status.BUFFER_TOO_SMALL) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int consumed = plain.position() - start;
        boolean inPlace = plain == EMPTY || plain == single;
        for (int i = offset; i < offset + length; i++) {
            inPlace |= plain == srcs[i];
        }
        if (!inPlace) {
            advance(srcs, offset, length, consumed);
        }
        if (consumed > 0) {
            session.accessed();
        }
        return result(SSLEngineResult.Status.OK, consumed, r.bytesProduced());
    }

    /** One source buffer is used as it is; several are copied into one (at most a record's worth). */
    private static ByteBuffer gather(ByteBuffer[] srcs, int offset, int length) {
        int nonEmpty = 0;
        ByteBuffer only = EMPTY;
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                nonEmpty++;
                only = srcs[i];
                total += srcs[i].remaining();
            }
        }
        if (nonEmpty <= 1) {
            // The buffer itself, so its position advances in place.
            return nonEmpty == 0 ? EMPTY : only;
        }
        ByteBuffer staged = ByteBuffer.allocate((int) Math.min(total, ConnectionDriver.MAX_FRAGMENT));
        for (int i = offset; i < offset + length && staged.hasRemaining(); i++) {
            ByteBuffer part = srcs[i].duplicate();
            if (part.remaining() > staged.remaining()) {
                part.limit(part.position() + staged.remaining());
            }
            staged.put(part);
        }
        return staged.flip();
    }

    private static void advance(ByteBuffer[] srcs, int offset, int length, int consumed) {
        for (int i = offset; i < offset + length && consumed > 0; i++) {
            int n = Math.min(consumed, srcs[i].remaining());
            srcs[i].position(srcs[i].position() + n);
            consumed -= n;
        }
    }

    private SSLEngineResult wrapClose(ByteBuffer dst) throws SSLException {
        if (driver.staged() == 0) {
            produceOwed(); // close_notify, after anything still pending
        }
        if (driver.staged() > dst.remaining()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int produced = driver.drainTo(dst);
        if (!driver.wantsToSend()) {
            outboundDone = true;
            if (!driver.finished()) {
                inboundDone = true; // no half-open connection in the middle of a handshake
            }
            closeIfDone();
        }
        return result(SSLEngineResult.Status.CLOSED, 0, produced);
    }

    /** After a failure the driver stages the alert the context owes the peer, if any; it goes out on the next wrap. */
    private boolean alertPending() {
        ConnectionDriver d = driver;
        return failure != null && d != null && d.staged() > 0;
    }

    private SSLEngineResult sendAlert(ByteBuffer dst) {
        if (dst.remaining() < driver.staged()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int n = driver.drainTo(dst);
        outboundDone = true;
        return result(SSLEngineResult.Status.CLOSED, 0, n);
    }

    /** Hands out the staged bytes; all or nothing, so a caller never sees half a flight it must remember. */
    private SSLEngineResult drainOutbox(ByteBuffer dst, SSLEngineResult.Status status) {
        if (driver.staged() > dst.remaining()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int produced = driver.drainTo(dst);
        if (driver.finishHandshake()) {
            return finishHandshake(status, 0, produced);
        }
        return result(status, 0, produced);
    }

    // ================================================================ unwrap

    /** Overridden so that the common one-buffer call allocates no array (SSLEngine's default does). */
    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer dst) throws SSLException {
        if (dst == null) {
            throw new IllegalArgumentException("dst is null");
        }
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        return unwrap(src, dst, null, 0, 0);
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i] == null) {
                throw new IllegalArgumentException("dsts[" + i + "] is null");
            }
            if (dsts[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
        return unwrap(src, null, dsts, offset, length);
    }

    /** The destinations are {@code single} when it is not null, else {@code dsts[offset, offset + length)}. */
    private SSLEngineResult unwrap(ByteBuffer src, ByteBuffer single, ByteBuffer[] dsts, int offset, int length)
            throws SSLException {
        if (src == null) {
            throw new IllegalArgumentException("src is null");
        }
        unwrapLock.lock();
        try {
            ConnectionDriver d = driver;
            if (d != null && d.finished() && !inboundDone && failure == null) {
                return unwrapData(src, single, dsts, offset, length); // the driver takes wrapLock where it must
            }
            wrapLock.lock();
            try {
                if (inboundDone) {
                    return result(SSLEngineResult.Status.CLOSED, 0, 0);
                }
                if (failure != null) {
                    throw failure;
                }
                ensureContext();
                if (!driver.finished()) {
                    return unwrapHandshake(src);
                }
                return unwrapData(src, single, dsts, offset, length);
            } finally {
                wrapLock.unlock();
            }
        } finally {
            unwrapLock.unlock();
        }
    }

    private SSLEngineResult unwrapHandshake(ByteBuffer src) throws SSLException {
        Result r = handshakeStep(src);
        if (r.status() == Status.OK) {
            return finishHandshake(SSLEngineResult.Status.OK, r.bytesConsumed(), 0);
        }
        if (r.status() == Status.INCOMPLETE_MESSAGE) {
            return result(SSLEngineResult.Status.BUFFER_UNDERFLOW, 0, 0);
        }
        return result(SSLEngineResult.Status.OK, r.bytesConsumed(), 0); // NEED_WRAP when the driver staged output
    }

    private SSLEngineResult unwrapData(ByteBuffer src, ByteBuffer single, ByteBuffer[] dsts, int offset, int length)
            throws SSLException {
        long room = 0;
        int nonEmpty = 0;
        ByteBuffer only = single;
        for (int i = offset; i < offset + length; i++) {
            room += dsts[i].remaining();
            if (dsts[i].hasRemaining()) {
                nonEmpty++;
                only = dsts[i];
            }
        }
        ByteBuffer out = single != null || nonEmpty == 1 ? only
                : ByteBuffer.allocate((int) Math.min(room, Names.APPLICATION_BUFFER_SIZE));
        // One record per call, as SunJSSE does: callers may rely on getting control back between records.
        // The limit is narrowed on the caller's buffer itself (no duplicate per call) and always restored.
        int srcLimit = src.limit();
        int start = src.position();
        if (src.remaining() >= ConnectionDriver.HEADER_LENGTH) {
            int recordLength = ConnectionDriver.HEADER_LENGTH + (((src.get(start + 3) & 0xFF) << 8) | (src.get(start + 4) & 0xFF));
            if (src.remaining() > recordLength) {
                src.limit(start + recordLength);
            }
        }
        Result r;
        try {
            r = driver.receive(src, out);
        } catch (ConnectionFailure e) {
            wrapLock.lock();
            try {
                throw fail(e);
            } finally {
                wrapLock.unlock();
            }
        } finally {
            src.limit(srcLimit);
        }
        int produced = r.bytesProduced();
        if (out != only) {
            out.flip();
            for (int i = offset; i < offset + length && out.hasRemaining(); i++) {
                ByteBuffer part = out.duplicate();
                int n = Math.min(part.remaining(), dsts[i].remaining());
                part.limit(part.position() + n);
                dsts[i].put(part);
                out.position(out.position() + n);
            }
        }
        session.accessed();
        switch (r.status()) {
            case INCOMPLETE_MESSAGE:
                return result(SSLEngineResult.Status.BUFFER_UNDERFLOW, 0, 0);
            case BUFFER_TOO_SMALL:
                return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
            case CONTEXT_EXPIRED:
                wrapLock.lock();
                try {
                    inboundDone = true;
                    closeIfDone();
                    return result(SSLEngineResult.Status.CLOSED, r.bytesConsumed(), produced);
                } finally {
                    wrapLock.unlock();
                }
            default:
                return result(SSLEngineResult.Status.OK, r.bytesConsumed(), produced);
        }
    }

    // ================================================================ the driver

    /** One handshake step of the driver; the handshake session learns the suite as soon as the context chose it. */
    private Result handshakeStep(ByteBuffer in) throws SSLException {
        try {
            return driver.handshake(in);
        } catch (ConnectionFailure e) {
            throw fail(e);
        } finally {
            noteSuite();
        }
    }

    private void produceOwed() throws SSLException {
        try {
            driver.produceOwed();
        } catch (ConnectionFailure e) {
            throw fail(e);
        }
    }

    /** The handshake session shows the suite as soon as the context has chosen it, as SunJSSE's does. */
    private void noteSuite() {
        SecureChannelSession hs = handshakeSession;
        if (hs != null && context != null && !suiteNoted) {
            // Asked once per step until known: each answer builds the handshake's summary.
            context.handshakeCipherSuite().ifPresent(suite -> {
                hs.cipherSuite(Names.suite(suite));
                suiteNoted = true;
            });
        }
    }

    /** The handshake session shows the suite already (the suite of a handshake never changes once chosen). */
    private boolean suiteNoted;

    /** Under both locks: the failure is final; the alert the driver staged (if any) goes out with the next wrap. */
    private SSLException fail(ConnectionFailure e) {
        inboundDone = true;
        if (driver == null || driver.staged() == 0) {
            outboundDone = true;
        }
        SSLException x = SslFailures.of(e);
        failure = x;
        if (handshakeSession != null) {
            handshakeSession.invalidate();
        }
        return x;
    }

    private void ensureContext() throws SSLException {
        if (context != null) {
            return;
        }
        BiFunction<SSLEngine, List<String>, String> selector = protocolSelector;
        ConnectionCredentials c;
        try {
            c = ConnectionCredentials.build(config, params.request(getPeerHost(), getPeerPort(),
                    selector == null ? null : offered -> {
                        // Selectors read the handshake session (Jetty rules out HTTP/2 by protocol and suite).
                        noteSuite();
                        return selector.apply(this, offered);
                    }),
                    this, null);
        } catch (SSLHandshakeException e) {
            throw closeWith(e);
        }
        handshakeSession = c.session;
        SecurityContext created = c.newContext();
        driver = new ConnectionDriver(created, c.credentials.handshakeTimeout(), wrapLock);
        context = created;
    }

    /** The engine context behind this SSLEngine (for {@code SecurityContextKey.of}); null before the handshake starts. */
    @Override
    public SecurityContext securityContext() {
        lockBoth();
        try {
            return context;
        } finally {
            unlockBoth();
        }
    }

    private SSLException closeWith(SSLException e) {
        inboundDone = true;
        outboundDone = true;
        failure = e;
        return e;
    }

    private SSLEngineResult finishHandshake(SSLEngineResult.Status status, int consumed, int produced) {
        SecureChannelSession s = handshakeSession;
        s.established(context, params.clientMode() ? config.clientSessions : config.serverSessions);
        applicationProtocol = context.applicationProtocol().orElse("");
        session = s;
        handshakeSession = null;
        return new SSLEngineResult(status, HandshakeStatus.FINISHED, consumed, produced);
    }

    private void closeIfDone() {
        if (inboundDone && outboundDone && context != null) {
            context.close();
        }
    }

    private SSLEngineResult result(SSLEngineResult.Status status, int consumed, int produced) {
        return new SSLEngineResult(status, handshakeStatus(), consumed, produced);
    }

    // ================================================================ status and closing

    @Override
    public HandshakeStatus getHandshakeStatus() {
        lockBoth();
        try {
            return handshakeStatus();
        } finally {
            unlockBoth();
        }
    }

    private HandshakeStatus handshakeStatus() {
        if (alertPending()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (failure != null || inboundDone && outboundDone) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (closeRequested() && !outboundDone) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (outboundDone) {
            return HandshakeStatus.NEED_UNWRAP; // waiting for the peer's close_notify, as SunJSSE does
        }
        ConnectionDriver d = driver;
        if (d == null) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (d.wantsToSend()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (!d.finished()) {
            return params.clientMode() && !d.started() ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NEED_UNWRAP;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    private boolean closeRequested() {
        ConnectionDriver d = driver;
        return d != null && d.closeRequested();
    }

    @Override
    public void beginHandshake() throws SSLException {
        lockBoth();
        try {
            if (failure != null) {
                throw failure;
            }
            if (inboundDone || outboundDone || closeRequested()) {
                throw new SSLException("the engine is closed");
            }
            ensureContext();
            driver.requestKeyUpdate(); // a second handshake: see the driver
        } catch (ConnectionFailure e) {
            throw fail(e);
        } finally {
            unlockBoth();
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return null; // nothing is delegated: the context does its work inside step
    }

    @Override
    public void closeInbound() throws SSLException {
        lockBoth();
        try {
            if (inboundDone) {
                return;
            }
            inboundDone = true;
            boolean wasConnected = context != null && failure == null;
            closeOutboundLocked();
            closeIfDone();
            if (wasConnected && !driver.peerClosed()) {
                throw new SSLException("closing inbound before receiving peer's close_notify");
            }
        } finally {
            unlockBoth();
        }
    }

    @Override
    public boolean isInboundDone() {
        lockBoth();
        try {
            return inboundDone;
        } finally {
            unlockBoth();
        }
    }

    @Override
    public void closeOutbound() {
        lockBoth();
        try {
            closeOutboundLocked();
        } finally {
            unlockBoth();
        }
    }

    private void closeOutboundLocked() {
        if (outboundDone || closeRequested() || failure != null) {
            return;
        }
        if (driver == null) {
            // Nothing was said yet, so there is nothing to close politely.
            outboundDone = true;
            inboundDone = true;
            return;
        }
        driver.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        lockBoth();
        try {
            return outboundDone;
        } finally {
            unlockBoth();
        }
    }

    // ================================================================ sessions

    @Override
    public SSLSession getSession() {
        return session; // volatile, replaced whole once
    }

    @Override
    public SSLSession getHandshakeSession() {
        // Not under the locks: key and trust managers call this from inside step, on the thread holding them,
        // and other threads may call it too; the field is only replaced, never mutated.
        return handshakeSession;
    }

    @Override
    public String getApplicationProtocol() {
        return applicationProtocol;
    }

    /**
     * As SunJSSE: null while undecided and outside a handshake; during it, "" for no ALPN or the protocol,
     * once the server has chosen (after its selector ran) or the client has read EncryptedExtensions.
     */
    @Override
    public String getHandshakeApplicationProtocol() {
        SecurityContext c = context;
        if (c == null || driver.finished() || failure != null) {
            return null;
        }
        return c.handshakeApplicationProtocol().orElse(null);
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        this.protocolSelector = selector;
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return protocolSelector;
    }

    // ================================================================ parameters

    private void checkNotStarted(String what) {
        if (context != null) {
            throw new IllegalArgumentException(what + " cannot change once the handshake has begun");
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        lockBoth();
        try {
            checkNotStarted("the client/server mode");
            params.clientMode(mode);
        } finally {
            unlockBoth();
        }
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
        lockBoth();
        try {
            return params.get(getPeerHost());
        } finally {
            unlockBoth();
        }
    }

    /** As the JSSE contract says: null lists leave a setting as it was; everything else replaces it. */
    @Override
    public void setSSLParameters(SSLParameters p) {
        lockBoth();
        try {
            params.set(p);
        } finally {
            unlockBoth();
        }
    }

    @Override
    public String toString() {
        return "SecureChannelEngine[" + (params.clientMode() ? "client" : "server") + ", " + getPeerHost() + ":" + getPeerPort() + "]";
    }
}
