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
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * An SSLEngine over a {@link SecurityContext} (DESIGN §3). The context is created at the first
 * {@code beginHandshake}/{@code wrap}/{@code unwrap} from the parameters set by then. Handshake output that
 * {@code step} produces while unwrapping waits in a staging buffer ({@code outbox}) for the next wrap; so
 * does the alert after a failure.
 *
 * <p>Locks: the context allows one encrypting and one decrypting thread, and so does this engine. Once the
 * handshake is over, application data goes through {@code wrap} under {@link #wrapLock} alone and through
 * {@code unwrap} under {@link #unwrapLock} alone; everything else (the handshake, closing, failures, post-
 * handshake messages, parameters) holds both, always {@code unwrapLock} first. Fields the lone wrap reads
 * are only written with {@code wrapLock} held; fields the lone unwrap reads only with {@code unwrapLock} held.
 */
final class SecureChannelEngine extends SSLEngine implements org.securechannel.jca.SecurityContextHolder {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** What {@code step} needs free in its output buffer. */
    private static final int MIN_STEP_ROOM = 64;
    /**
     * The outbox starts small, where a full packet buffer per engine (allocated again for close_notify) was
     * a third of all a handshake allocated: 4 KiB holds a flight with a usual chain, a close_notify 256 B;
     * a longer flight grows it once ({@link #growOutbox}).
     */
    private static final int FIRST_OUTBOX = 4096;
    private static final int CLOSE_OUTBOX = 256;
    private static final int MAX_FRAGMENT = 16384;
    /** Header, inner content type and AEAD tag of a TLS 1.3 record (we do not pad). */
    private static final int RECORD_OVERHEAD = 5 + 1 + 16;

    private final ContextConfig config;
    private final ReentrantLock unwrapLock = new ReentrantLock();
    private final ReentrantLock wrapLock = new ReentrantLock();

    /** Fixed once the context exists; the same settings and rules as SecureChannelSocket's. */
    private final ConnectionParameters params;
    private BiFunction<SSLEngine, List<String>, String> protocolSelector;

    // state
    /** Volatile for {@link #getHandshakeApplicationProtocol}, which frameworks call from any thread without our lock. */
    private volatile SecurityContext context;
    private SecureChannelSession handshakeSession;
    // Volatile where one direction reads what the other writes without sharing its lock (status reports).
    private volatile SecureChannelSession session;
    private volatile ByteBuffer outbox; // write mode: [0, position) waits to be sent
    private boolean started;
    private volatile boolean contextOutputPending;
    private volatile boolean finished;
    private volatile boolean closeRequested;
    private volatile boolean inboundDone;
    private volatile boolean outboundDone;
    private boolean peerClosed;
    private volatile ByteBuffer pendingAlert;
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
        SecurityContextException encryptFailure = null;
        wrapLock.lock();
        try {
            if (wrapsDataAlone()) {
                try {
                    return wrapData(single, srcs, offset, length, dst);
                } catch (SecurityContextException e) {
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
            if (pendingAlert != null) {
                return sendAlert(dst);
            }
            if (outboundDone) {
                return result(SSLEngineResult.Status.CLOSED, 0, 0);
            }
            if (failure != null) {
                throw failure;
            }
            if (closeRequested) {
                return wrapClose(dst);
            }
            ensureContext();
            if (!context.isEstablished() && staged() == 0 && (contextOutputPending || params.clientMode() && !started)) {
                step(EMPTY);
            } else if (context.isEstablished() && staged() == 0 && contextOutputPending) {
                step(EMPTY); // a KeyUpdate owed to the peer
            }
            if (staged() > 0) {
                return drainOutbox(dst, SSLEngineResult.Status.OK);
            }
            if (!context.isEstablished()) {
                return result(SSLEngineResult.Status.OK, 0, 0);
            }
            try {
                return wrapData(single, srcs, offset, length, dst);
            } catch (SecurityContextException e) {
                throw fail(e);
            }
        } finally {
            unlockBoth();
        }
    }

    /** Application data and nothing else owed: the one case wrap runs under its own lock alone. */
    private boolean wrapsDataAlone() {
        return finished && pendingAlert == null && failure == null && !outboundDone && !closeRequested
                && staged() == 0 && !contextOutputPending;
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
            throws SecurityContextException {
        ByteBuffer plain = single == null ? gather(srcs, offset, length) : single.hasRemaining() ? single : EMPTY;
        if (!plain.hasRemaining()) {
            return result(SSLEngineResult.Status.OK, 0, 0);
        }
        // A whole record, as SunJSSE does: no slicing data into tiny records to fit a small buffer.
        if (dst.remaining() < Math.min(plain.remaining(), MAX_FRAGMENT) + RECORD_OVERHEAD) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int start = plain.position();
        Result r = context.encrypt(plain, dst);
        contextOutputPending = r.outputPending();
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
        session.accessed();
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
        ByteBuffer staged = ByteBuffer.allocate((int) Math.min(total, MAX_FRAGMENT));
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
        if (staged() == 0) {
            step(EMPTY); // writes close_notify after anything still pending
        }
        if (staged() > dst.remaining()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int produced = drain(dst);
        if (staged() == 0 && !contextOutputPending) {
            outboundDone = true;
            if (!finished) {
                inboundDone = true; // no half-open connection in the middle of a handshake
            }
            closeIfDone();
        }
        return result(SSLEngineResult.Status.CLOSED, 0, produced);
    }

    private SSLEngineResult sendAlert(ByteBuffer dst) {
        if (dst.remaining() < pendingAlert.remaining()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int n = pendingAlert.remaining();
        dst.put(pendingAlert);
        pendingAlert = null;
        outboundDone = true;
        return result(SSLEngineResult.Status.CLOSED, 0, n);
    }

    /** Sends staged bytes; all or nothing, so a caller never sees half a flight it must remember. */
    private SSLEngineResult drainOutbox(ByteBuffer dst, SSLEngineResult.Status status) {
        if (staged() > dst.remaining()) {
            return result(SSLEngineResult.Status.BUFFER_OVERFLOW, 0, 0);
        }
        int produced = drain(dst);
        if (context.isEstablished() && !finished && staged() == 0 && !contextOutputPending) {
            return finishHandshake(status, 0, produced);
        }
        return result(status, 0, produced);
    }

    private int staged() {
        ByteBuffer o = outbox; // once: the other direction may drop it meanwhile
        return o == null ? 0 : o.position();
    }

    private int drain(ByteBuffer dst) {
        outbox.flip();
        int n = outbox.remaining();
        dst.put(outbox);
        outbox.compact();
        return n;
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
            if (finished && !inboundDone && failure == null) {
                return unwrapData(src, single, dsts, offset, length, true); // takes wrapLock too where it must
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
                if (!context.isEstablished()) {
                    return unwrapHandshake(src);
                }
                return unwrapData(src, single, dsts, offset, length, true);
            } finally {
                wrapLock.unlock();
            }
        } finally {
            unwrapLock.unlock();
        }
    }

    private SSLEngineResult unwrapHandshake(ByteBuffer src) throws SSLException {
        if (outboxRoom() < MIN_STEP_ROOM) {
            return result(SSLEngineResult.Status.OK, 0, 0); // NEED_WRAP: the peer waits for what we have
        }
        int start = src.position();
        Result r = step(src);
        int consumed = src.position() - start;
        if (r.status() == Status.INCOMPLETE_MESSAGE) {
            return result(SSLEngineResult.Status.BUFFER_UNDERFLOW, 0, 0);
        }
        if (context.isEstablished() && staged() == 0 && !contextOutputPending) {
            return finishHandshake(SSLEngineResult.Status.OK, consumed, 0);
        }
        return result(SSLEngineResult.Status.OK, consumed, 0);
    }

    /**
     * @param retry whether a post-handshake message that was waiting from an earlier call (it came when the
     *              outbox had no room to answer it) may be followed by one more decrypt in this call, so that
     *              the call consumes the record behind it: a call that consumes and produces nothing and
     *              still says NEED_UNWRAP would invite the same call again
     */
    private SSLEngineResult unwrapData(ByteBuffer src, ByteBuffer single, ByteBuffer[] dsts, int offset, int length,
            boolean retry) throws SSLException {
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
        if (src.remaining() >= 5) {
            int recordLength = 5 + (((src.get(start + 3) & 0xFF) << 8) | (src.get(start + 4) & 0xFF));
            if (src.remaining() > recordLength) {
                src.limit(start + recordLength);
            }
        }
        Result r;
        try {
            r = context.decrypt(src, out);
        } catch (SecurityContextException e) {
            wrapLock.lock();
            try {
                throw fail(e);
            } finally {
                wrapLock.unlock();
            }
        } finally {
            src.limit(srcLimit);
        }
        int consumed = src.position() - start;
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
                    peerClosed = true;
                    inboundDone = true;
                    closeIfDone();
                    return result(SSLEngineResult.Status.CLOSED, consumed, produced);
                } finally {
                    wrapLock.unlock();
                }
            case RENEGOTIATE:
                // A ticket or KeyUpdate: the context processes it; a reply (KeyUpdate) waits for wrap.
                boolean answered;
                wrapLock.lock();
                try {
                    answered = outboxRoom() >= MIN_STEP_ROOM;
                    if (answered) {
                        step(EMPTY);
                    }
                } finally {
                    wrapLock.unlock();
                }
                if (answered && retry && consumed == 0 && produced == 0 && staged() == 0) {
                    return unwrapData(src, single, dsts, offset, length, false);
                }
                return result(SSLEngineResult.Status.OK, consumed, produced);
            default:
                return result(SSLEngineResult.Status.OK, consumed, produced);
        }
    }

    private int outboxRoom() {
        if (outbox == null) {
            outbox = ByteBuffer.allocate(closeRequested ? CLOSE_OUTBOX : FIRST_OUTBOX);
        }
        return outbox.remaining();
    }

    /**
     * The context had more to write than the outbox held (a long certificate chain): what it wrote is a
     * complete record sequence, and the rest goes into a full-size outbox on the next step.
     */
    private void growOutbox() {
        if (outbox.capacity() < Names.PACKET_BUFFER_SIZE) {
            ByteBuffer larger = ByteBuffer.allocate(Names.PACKET_BUFFER_SIZE);
            outbox.flip();
            larger.put(outbox);
            outbox = larger;
        }
    }

    // ================================================================ the context

    /** One {@code step} into the outbox; failures become SSLExceptions with the alert queued for wrap. */
    private Result step(ByteBuffer in) throws SSLException {
        outboxRoom();
        try {
            started = true;
            Result r = context.step(in, outbox);
            for (int i = 0; r.status() == Status.INCOMPLETE_CREDENTIALS && i < 2; i++) {
                // The server asked for a certificate the key manager does not have: go on without, as SunJSSE does.
                r = context.step(in, outbox);
            }
            contextOutputPending = r.outputPending();
            if (contextOutputPending) {
                growOutbox();
            }
            noteSuite();
            return r;
        } catch (SecurityContextException e) {
            throw fail(e);
        }
    }

    /** The handshake session shows the suite as soon as the context has chosen it, as SunJSSE's does. */
    private void noteSuite() {
        SecureChannelSession hs = handshakeSession;
        if (hs != null && context != null) {
            context.handshakeCipherSuite().ifPresent(suite -> hs.cipherSuite(Names.suite(suite)));
        }
    }

    private SSLException fail(SecurityContextException e) {
        boolean handshaking = context == null || !context.isEstablished();
        byte[] alert = e.alertToSend();
        pendingAlert = alert.length == 0 ? null : ByteBuffer.wrap(alert);
        outbox = null;
        inboundDone = true;
        if (pendingAlert == null) {
            outboundDone = true;
        }
        SSLException x = handshaking ? new SSLHandshakeException(e.getMessage()) : new SSLException(e.getMessage());
        x.initCause(e);
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
        context = c.newContext();
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
        finished = true;
        SecureChannelSession s = handshakeSession;
        s.established(context, params.clientMode() ? config.clientSessions : config.serverSessions);
        applicationProtocol = context.applicationProtocol().orElse("");
        session = s;
        handshakeSession = null;
        if (staged() == 0) {
            outbox = null;
        }
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
        if (pendingAlert != null) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (failure != null || inboundDone && outboundDone) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (closeRequested && !outboundDone) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (outboundDone) {
            return HandshakeStatus.NEED_UNWRAP; // waiting for the peer's close_notify, as SunJSSE does
        }
        if (context == null) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (staged() > 0 || contextOutputPending) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (!context.isEstablished()) {
            return params.clientMode() && !started ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NEED_UNWRAP;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public void beginHandshake() throws SSLException {
        lockBoth();
        try {
            if (failure != null) {
                throw failure;
            }
            if (inboundDone || outboundDone || closeRequested) {
                throw new SSLException("the engine is closed");
            }
            ensureContext();
            if (finished) {
                try {
                    contextOutputPending |= SecondHandshake.request(context);
                } catch (SecurityContextException e) {
                    throw fail(e);
                }
            }
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
            if (wasConnected && !peerClosed) {
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
        if (outboundDone || closeRequested || failure != null) {
            return;
        }
        if (context == null) {
            // Nothing was said yet, so there is nothing to close politely.
            outboundDone = true;
            inboundDone = true;
            return;
        }
        closeRequested = true;
        context.shutdown();
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
        if (c == null || finished || failure != null) {
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
