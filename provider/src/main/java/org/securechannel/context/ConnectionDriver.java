package org.securechannel.context;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.LongSupplier;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.record.RecordLimits;

/**
 * The one connection driver: the token and record loop over a {@link SecurityContext}, shared by the SSLEngine,
 * the SSLSocket and the CLI. It is non-blocking and knows no transport: the caller feeds it the peer's bytes,
 * takes out what it staged for the peer ({@link #staged()}, {@link #drainTo}, {@link #sendTo}) and asks what is
 * needed next. {@link StreamConnection} runs it on blocking streams; the SSLEngine runs it on its callers' buffers.
 *
 * <h2>What it returns</h2>
 * The context's own {@link Result} and {@link Status}, narrowed:
 * <ul>
 * <li>{@link #handshake}: {@code OK} once the handshake is complete and all of it handed out;
 *     {@code CONTINUE_NEEDED}: call again, after handing out what is staged when {@code outputPending()};
 *     {@code INCOMPLETE_MESSAGE}: nothing was consumed, read at least {@code missing()} more bytes first.
 *     {@link #bytesToRead} turns a result into "read this much before calling again".</li>
 * <li>{@link #receive}: {@code OK} with progress (bytes consumed or produced; a reply to a post-handshake
 *     message may be staged: see {@link #wantsToSend()}); {@code INCOMPLETE_MESSAGE}: read more;
 *     {@code BUFFER_TOO_SMALL}: give a plaintext buffer of {@code missing()} bytes; {@code CONTEXT_EXPIRED}:
 *     the peer's close_notify came (data before it may be in this result). RENEGOTIATE never comes out.</li>
 * <li>{@link #protect}: {@code OK} with progress, or {@code BUFFER_TOO_SMALL} with the room one whole record needs.</li>
 * </ul>
 *
 * <h2>Progress guarantee</h2>
 * No call returns "call me again" without having consumed or produced something or staged output: a call that
 * consumes and produces nothing says INCOMPLETE_MESSAGE (read more), and a post-handshake message that waited
 * from an earlier call is processed and followed by one more decrypt in the same call, so the call consumes
 * what is behind it. A context that answers RENEGOTIATE again without progress, or a step or encrypt that
 * makes none, is a {@link ConnectionFailure.Kind#NO_PROGRESS} failure, never a loop.
 *
 * <h2>The rules that live here, once</h2>
 * Handshake stepping and completion ({@link #handshake}, {@link #finishHandshake}); the staging buffer and its
 * sizes; the missing-client-certificate fallback (INCOMPLETE_CREDENTIALS: the key manager had no certificate for
 * the server's request, so we go on without one, as SunJSSE does); the handshake timeout of the credentials;
 * post-handshake messages and their replies; KeyUpdate for a second handshake request ({@link #requestKeyUpdate});
 * close_notify ({@link #closeOutbound}); failures ({@link ConnectionFailure}: its kind, whether the handshake was
 * running, and the alert staged for the peer). The adapters keep only their API's rules (JSSE statuses and
 * exceptions, sockets, locks).
 *
 * <h2>Handshake timeout</h2>
 * The credentials' {@code handshakeTimeout} runs from the first {@link #handshake} call. Every handshake call after
 * it fails with {@link ConnectionFailure.Kind#TIMED_OUT} (the SSLEngine's way to honour it); a blocking caller
 * also bounds each read by {@link #handshakeMillisLeft()} and reports a read that ran into it through
 * {@link #handshakeTimedOut}, so a silent peer cannot hold it longer (the SSLSocket's and the CLI's way).
 *
 * <h2>Threads</h2>
 * Not thread-safe by itself. The caller holds {@code outbound} (the lock given to the constructor) for
 * everything that stages or hands out output (handshake, protect, produceOwed, closeOutbound, drainTo, sendTo),
 * and one thread at a time calls {@link #receive}; receive takes {@code outbound} itself when it must step
 * to answer a post-handshake message, or record a failure.
 */
public final class ConnectionDriver {
    /** Sees each call on the context and its result (tracing, events). */
    public interface Listener {
        void result(String operation, Result result);
    }

    /** A record's header: type, version, length. */
    public static final int HEADER_LENGTH = RecordLimits.HEADER_LENGTH;
    /** Most plaintext bytes in one record (2^14): what one write is cut into. */
    public static final int MAX_FRAGMENT = RecordLimits.MAX_PLAINTEXT;
    /**
     * The largest record either version sends, header included. A long flight's staging buffer grows to this and
     * no further, so an SSLEngine caller's packet-sized buffer always takes all that is staged.
     */
    public static final int MAX_RECORD = RecordLimits.MAX_RECORD;
    /**
     * Staged output during the handshake starts here: a ClientHello without post-quantum shares, a client's
     * Finished. A longer flight grows it to what the context still has queued ({@link #growForFlight}), so a
     * handshake stages about its flights' size rather than 4 KiB or a full record per connection.
     */
    static final int FIRST_OUTBOX = 512;
    /** After the handshake only a KeyUpdate or a close_notify is staged: tens of bytes. */
    static final int SMALL_OUTBOX = 256;
    /** A context asking for more room than this for one step is broken. */
    private static final int MAX_OUTBOX = 1 << 20;
    /** Bounds the steps one call makes (credentials fallback, buffer growth, owed output). */
    private static final int MAX_STEPS = 16;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final Result NOTHING = new Result(Status.OK, 0, 0, 0, false);
    private static final Listener NO_LISTENER = (operation, result) -> { };

    private final SecurityContext context;
    private final Lock outbound;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private volatile Listener listener = NO_LISTENER;

    /** Output for the peer, write mode: [0, position) waits to be handed out. Null when none is needed. */
    private volatile ByteBuffer outbox;
    /** The context has more to write than it has written (a long flight, a KeyUpdate, close_notify). */
    private volatile boolean contextPending;
    private volatile boolean started;
    private long deadline;
    private volatile boolean finished;
    private volatile boolean closeRequested;
    private volatile boolean peerClosed;
    private volatile ConnectionFailure failure;
    /** The record sizes, fixed once the handshake is over. */
    private volatile StreamSizes sizes;

    /**
     * @param handshakeTimeout how long the handshake may take from the first {@link #handshake} call; zero or
     *                         null: no limit
     * @param outbound         the lock the caller holds while output is staged or handed out
     */
    public ConnectionDriver(SecurityContext context, Duration handshakeTimeout, Lock outbound) {
        this(context, handshakeTimeout, outbound, System::nanoTime);
    }

    ConnectionDriver(SecurityContext context, Duration handshakeTimeout, Lock outbound, LongSupplier clock) {
        this.context = java.util.Objects.requireNonNull(context, "context");
        this.outbound = java.util.Objects.requireNonNull(outbound, "outbound");
        this.timeoutNanos = handshakeTimeout == null || handshakeTimeout.isNegative() ? 0 : handshakeTimeout.toNanos();
        this.clock = clock;
    }

    public SecurityContext context() {
        return context;
    }

    public void listener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    // ================================================================ state

    /** Whether {@link #handshake} was called. */
    public boolean started() {
        return started;
    }

    /** Whether the handshake completed and all of it was handed out. */
    public boolean finished() {
        return finished;
    }

    /** Whether the peer's close_notify arrived. */
    public boolean peerClosed() {
        return peerClosed;
    }

    public boolean closeRequested() {
        return closeRequested;
    }

    /** The failure that ended the connection, or null. */
    public ConnectionFailure failure() {
        return failure;
    }

    /** Bytes staged for the peer. */
    public int staged() {
        ByteBuffer o = outbox; // once: receive may replace it meanwhile (under the outbound lock)
        return o == null ? 0 : o.position();
    }

    /** Whether anything is staged or the context has more to write: the caller should hand output out next. */
    public boolean wantsToSend() {
        return staged() > 0 || contextPending;
    }

    // ================================================================ the handshake

    /**
     * One handshake step over {@code in}: its output is staged. OK once complete and handed out; CONTINUE_NEEDED
     * or INCOMPLETE_MESSAGE otherwise (see the class comment). Past the handshake timeout: TIMED_OUT.
     */
    public Result handshake(ByteBuffer in) throws ConnectionFailure {
        checkUsable();
        if (finished || finishHandshake()) {
            return NOTHING;
        }
        if (!started) {
            started = true;
            deadline = clock.getAsLong() + timeoutNanos;
        }
        if (timeoutNanos > 0 && clock.getAsLong() - deadline >= 0) {
            throw handshakeTimedOut(null);
        }
        int inStart = in.position();
        int stagedBefore = staged();
        Result r = step(in);
        if (r == null) {
            return new Result(Status.CONTINUE_NEEDED, in.position() - inStart, 0, 0, true); // hand out the staged bytes first
        }
        int consumed = in.position() - inStart;
        int produced = staged() - stagedBefore;
        switch (r.status()) {
            case INCOMPLETE_MESSAGE:
                return consumed == 0 ? r : new Result(Status.CONTINUE_NEEDED, consumed, produced, 0, wantsToSend());
            case OK:
            case CONTINUE_NEEDED:
                break;
            default:
                throw noProgress("unexpected result during the handshake: " + r);
        }
        if (finishHandshake()) {
            return new Result(Status.OK, consumed, produced, 0, false);
        }
        boolean owes = staged() > 0 || contextPending && produced > 0;
        if (consumed == 0 && produced == 0 && !owes) {
            return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, 1, false); // never invite the same call again
        }
        return new Result(Status.CONTINUE_NEEDED, consumed, produced, 0, owes);
    }

    /**
     * True exactly once: when the context is established and nothing of the handshake waits to be handed
     * out. From then on {@link #finished()} holds and the staging buffer is let go.
     */
    public boolean finishHandshake() {
        if (finished || failure != null || !context.isEstablished() || wantsToSend()) {
            return false;
        }
        sizes = context.streamSizes();
        outbox = null;
        finished = true;
        return true;
    }

    /** What a blocking caller reads before calling {@link #handshake} again after {@code r}: 0 for nothing. */
    public static int bytesToRead(Result r, ByteBuffer in) {
        return switch (r.status()) {
            case INCOMPLETE_MESSAGE -> Math.max(1, r.missing());
            case CONTINUE_NEEDED -> r.outputPending() || r.bytesConsumed() > 0 && in.hasRemaining() ? 0 : 1;
            default -> 0;
        };
    }

    /** Milliseconds the handshake has left (at least 1 while any is left, 0 when none); Long.MAX_VALUE without a limit. */
    public long handshakeMillisLeft() {
        if (timeoutNanos == 0 || finished) {
            return Long.MAX_VALUE;
        }
        long left = started ? deadline - clock.getAsLong() : timeoutNanos;
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }

    /** The handshake ran out of time; {@code cause} is the read that timed out, if any. */
    public ConnectionFailure handshakeTimedOut(IOException cause) {
        String message = "the handshake did not complete within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms";
        return record(new ConnectionFailure(ConnectionFailure.Kind.TIMED_OUT, true, message,
                cause != null ? cause : new SocketTimeoutException("handshake timed out")), null);
    }

    /** The transport ended before the handshake completed; {@code cause} says how. */
    public ConnectionFailure endedInHandshake(IOException cause) {
        return record(new ConnectionFailure(ConnectionFailure.Kind.ENDED_IN_HANDSHAKE, true,
                "the connection closed before the handshake completed", cause), null);
    }

    // ================================================================ data

    /**
     * Encrypts from {@code plain} into {@code dst} as whole records. BUFFER_TOO_SMALL, nothing consumed, when
     * {@code dst} cannot hold one whole record of what {@code plain} has (no slicing data into tiny records to
     * fit a small buffer).
     */
    public Result protect(ByteBuffer plain, ByteBuffer dst) throws ConnectionFailure {
        checkUsable();
        if (!plain.hasRemaining()) {
            return NOTHING;
        }
        StreamSizes s = sizes != null ? sizes : context.streamSizes();
        int needed = Math.min(plain.remaining(), s.maximumMessage()) + s.header() + s.trailer();
        if (dst.remaining() < needed) {
            return new Result(Status.BUFFER_TOO_SMALL, 0, 0, needed, false);
        }
        Result r = call(Call.ENCRYPT, plain, dst);
        contextPending = r.outputPending();
        if (r.status() == Status.OK && r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
            throw noProgress("encrypt made no progress: " + r);
        }
        return r;
    }

    /**
     * Decrypts the records at the front of {@code in} into {@code plainOut}. Post-handshake messages (tickets,
     * KeyUpdate) are processed here, a reply staged; see the class comment for the statuses.
     */
    public Result receive(ByteBuffer in, ByteBuffer plainOut) throws ConnectionFailure {
        checkUsable();
        if (peerClosed) {
            return new Result(Status.CONTEXT_EXPIRED, 0, 0, 0, false);
        }
        int inStart = in.position();
        int outStart = plainOut.position();
        Result r = call(Call.DECRYPT, in, plainOut);
        if (r.status() != Status.RENEGOTIATE) {
            return settle(r);
        }
        if (!answerPostHandshake()) {
            return new Result(Status.OK, r.bytesConsumed(), r.bytesProduced(), 0, true); // hand out the staged bytes first
        }
        if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
            // The message waited from an earlier call: decrypt once more, so this call consumes what is behind it.
            r = call(Call.DECRYPT, in, plainOut);
            if (r.status() == Status.RENEGOTIATE) {
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    throw noProgress("a post-handshake message stays unprocessed");
                }
                answerPostHandshake();
            }
        }
        int consumed = in.position() - inStart;
        int produced = plainOut.position() - outStart;
        Status status = r.status() == Status.RENEGOTIATE ? Status.OK : r.status();
        return settle(new Result(status, consumed, produced, r.missing(), wantsToSend()));
    }

    private Result settle(Result r) throws ConnectionFailure {
        switch (r.status()) {
            case OK:
                return r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        ? new Result(Status.INCOMPLETE_MESSAGE, 0, 0, 1, false) : r;
            case CONTEXT_EXPIRED:
                peerClosed = true;
                return r;
            case INCOMPLETE_MESSAGE:
            case BUFFER_TOO_SMALL:
                return r;
            default:
                throw noProgress("unexpected result from decrypt: " + r);
        }
    }

    /** Lets the context take the post-handshake messages it holds; false when the staged output leaves no room. */
    private boolean answerPostHandshake() throws ConnectionFailure {
        outbound.lock();
        try {
            return step(EMPTY) != null;
        } finally {
            outbound.unlock();
        }
    }

    // ================================================================ owed output, second handshake, closing

    /** Stages what the context owes the peer (a KeyUpdate, the rest of a flight, close_notify), as far as room allows. */
    public void produceOwed() throws ConnectionFailure {
        checkUsable();
        for (int i = 0; i < MAX_STEPS && contextPending; i++) {
            if (step(EMPTY) == null) {
                return; // hand out what is staged first
            }
        }
    }

    /**
     * A second handshake asked for on an established connection (SSLEngine.beginHandshake, SSLSocket.startHandshake).
     * TLS 1.3 has no renegotiation; SunJSSE sends a KeyUpdate instead, and so do we. TLS 1.2 renegotiation we refuse
     * (RFC 9325 §3.5 allows it, and it is the source of a whole class of attacks), so there the call does nothing.
     * Returns whether a KeyUpdate is owed (hand it out with {@link #produceOwed}).
     */
    public boolean requestKeyUpdate() throws ConnectionFailure {
        checkUsable();
        if (!finished) {
            return false;
        }
        try {
            if (context.connectionInfo().version() != ProtocolVersion.TLS13) {
                return false;
            }
            context.requestKeyUpdate(false);
        } catch (SecurityContextException e) {
            throw fail(e);
        }
        contextPending = true;
        return true;
    }

    /** Our close_notify: queued in the context, staged by the next {@link #produceOwed}. Nothing after a failure. */
    public void closeOutbound() {
        if (closeRequested || failure != null) {
            return;
        }
        closeRequested = true;
        context.shutdown();
        contextPending = true;
    }

    // ================================================================ handing output out

    /** Moves everything staged into {@code dst}, which the caller made room for ({@link #staged()} bytes). */
    public int drainTo(ByteBuffer dst) {
        ByteBuffer o = outbox;
        if (o == null || o.position() == 0) {
            return 0;
        }
        o.flip();
        int n = o.remaining();
        dst.put(o);
        o.clear();
        releaseIfIdle();
        return n;
    }

    /** Writes everything staged to {@code out} and flushes. */
    public void sendTo(OutputStream out) throws IOException {
        ByteBuffer o = outbox;
        if (o == null || o.position() == 0) {
            return;
        }
        out.write(o.array(), o.arrayOffset(), o.position());
        out.flush();
        o.clear();
        releaseIfIdle();
    }

    /** Past the handshake an idle connection keeps no staging buffer. */
    private void releaseIfIdle() {
        if ((finished || failure != null) && !contextPending) {
            outbox = null;
        }
    }

    // ================================================================ stepping

    /**
     * One step into the staging buffer, repeated (boundedly) when the context asks for a larger buffer or for
     * credentials; null when the staged bytes leave too little room and must be handed out first.
     */
    private Result step(ByteBuffer in) throws ConnectionFailure {
        for (int attempt = 0; attempt < MAX_STEPS; attempt++) {
            if (!roomToStep()) {
                return null;
            }
            Result r = call(Call.STEP, in, outbox);
            contextPending = r.outputPending();
            switch (r.status()) {
                case BUFFER_TOO_SMALL:
                    if (staged() > 0) {
                        return null;
                    }
                    outbox = ByteBuffer.allocate(grownSize(r.missing()));
                    break;
                case INCOMPLETE_CREDENTIALS:
                    continueWithoutCertificate();
                    break;
                default:
                    if (contextPending && growForFlight()) {
                        // The rest of the flight into the room just made, so one call stages all of it.
                        contextPending = call(Call.STEP, EMPTY, outbox).outputPending();
                    }
                    return r;
            }
        }
        throw noProgress("step asked again and again for a larger buffer or for credentials");
    }

    /** The staging buffer's size, 0 when there is none (for tests of what a handshake allocates). */
    int stagingCapacity() {
        ByteBuffer o = outbox;
        return o == null ? 0 : o.capacity();
    }

    private boolean roomToStep() {
        if (outbox == null) {
            outbox = ByteBuffer.allocate(finished || closeRequested ? SMALL_OUTBOX : FIRST_OUTBOX);
        }
        return outbox.remaining() >= TlsSecurityContext.MIN_STEP_OUTPUT;
    }

    /**
     * The context had more to write than the staging buffer held (a server's flight, a long certificate chain):
     * what it wrote is a complete record sequence, and the rest goes into a buffer grown to hold it all (our own
     * context says how much that is; another gets a full record's size), never past {@link #MAX_RECORD}, so an
     * SSLEngine caller's packet-sized buffer still takes all that is staged. Returns whether it grew.
     */
    private boolean growForFlight() {
        ByteBuffer o = outbox;
        if (o.capacity() >= MAX_RECORD) {
            return false;
        }
        int pending = context instanceof TlsSecurityContext own ? own.pendingOutputBytes() : MAX_RECORD;
        if (pending <= o.remaining()) {
            return false;
        }
        // Room past the flight for one more step (an alert, a short reply) before the flight is handed out.
        int size = (int) Math.min(MAX_RECORD, (long) o.position() + pending + SMALL_OUTBOX);
        ByteBuffer larger = ByteBuffer.allocate(size);
        o.flip();
        larger.put(o);
        outbox = larger;
        return true;
    }

    private int grownSize(int missing) throws ConnectionFailure {
        int size = Math.max(missing, outbox == null ? 0 : outbox.capacity() * 2);
        if (size > MAX_OUTBOX) {
            throw noProgress("step asks for a " + missing + "-byte buffer");
        }
        return size;
    }

    /**
     * INCOMPLETE_CREDENTIALS: the server asked for a client certificate and the credentials (their key manager)
     * had none for it. We go on without one, as SunJSSE does; the server decides whether that is enough.
     */
    private void continueWithoutCertificate() throws ConnectionFailure {
        try {
            context.supplyCredentials(null);
        } catch (SecurityContextException e) {
            throw fail(e);
        }
    }

    /** The three calls on the context, named as the listener hears them. */
    private enum Call {
        STEP("step"), ENCRYPT("encrypt"), DECRYPT("decrypt");

        final String operation;

        Call(String operation) {
            this.operation = operation;
        }
    }

    /** One call on the context: its failure becomes the connection's, its result goes to the listener. */
    private Result call(Call call, ByteBuffer in, ByteBuffer out) throws ConnectionFailure {
        Result r;
        try {
            r = switch (call) {
                case STEP -> context.step(in, out);
                case ENCRYPT -> context.encrypt(in, out);
                case DECRYPT -> context.decrypt(in, out);
            };
        } catch (SecurityContextException e) {
            throw fail(e);
        }
        listener.result(call.operation, r);
        return r;
    }

    // ================================================================ failures

    private void checkUsable() throws ConnectionFailure {
        ConnectionFailure f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** The context failed: its alert (if it owes one) replaces whatever was staged. */
    private ConnectionFailure fail(SecurityContextException e) {
        return record(new ConnectionFailure(ConnectionFailure.Kind.REFUSED, !finished, e.getMessage(), e), e.alertToSend());
    }

    private ConnectionFailure noProgress(String message) {
        return record(new ConnectionFailure(ConnectionFailure.Kind.NO_PROGRESS, !finished, message, null), null);
    }

    /** Keeps the first failure; later calls throw it again. */
    private ConnectionFailure record(ConnectionFailure f, byte[] alert) {
        outbound.lock();
        try {
            if (failure == null) {
                failure = f;
                contextPending = false;
                outbox = alert == null || alert.length == 0 ? null : ByteBuffer.allocate(alert.length).put(alert);
            }
            return failure;
        } finally {
            outbound.unlock();
        }
    }
}
