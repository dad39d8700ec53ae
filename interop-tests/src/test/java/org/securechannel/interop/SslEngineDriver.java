package org.securechannel.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.Pipe;

/**
 * One SecureChannel {@link SecurityContext} and one JDK {@link SSLEngine} joined in memory: what our context
 * writes goes into {@link #toEngine}, what the engine wraps goes into {@link #toOurs}. Each side is driven
 * the way its API asks (step/encrypt/decrypt; wrap/unwrap/delegated tasks). Every loop is bounded, so a
 * stall fails the test with the log instead of hanging it.
 *
 * <p>Failures are recorded, not thrown at once: when our context fails, the alert in
 * {@link SecurityContextException#alertToSend()} is handed to the engine; when the engine fails, its alert is
 * wrapped and handed to our context. {@link #tryHandshake()} then reports what each side saw.
 */
final class SslEngineDriver implements AutoCloseable {
    private static final int MAX_ROUNDS = 200;
    private static final int STEP_OUTPUT = 32 * 1024;

    final SecurityContext ours;
    final SSLEngine engine;
    final Pipe toEngine = new Pipe();
    final Pipe toOurs = new Pipe();
    /** One line per call on either side, for failure messages. */
    final List<String> log = new ArrayList<>();
    /** Statuses of every call on our side (step and decrypt), in order. */
    final List<Status> ourStatuses = new ArrayList<>();

    /**
     * How many bytes of {@link #toOurs} our side may see per call, 0 for all: with a small window every
     * record arrives in pieces, so INCOMPLETE_MESSAGE and its missing() hint are exercised. The window grows
     * by {@link #window} after each INCOMPLETE_MESSAGE and starts again after input was consumed.
     */
    private int window;
    private int visible;
    /** How many INCOMPLETE_MESSAGE results our side gave. */
    int incompleteCount;
    private boolean started;

    SecurityContextException ourFailure;
    SSLException engineFailure;
    private boolean ourDone;
    /** Application data the engine unwrapped while driving the handshake or post-handshake messages. */
    private final ByteArrayOutputStream engineReceived = new ByteArrayOutputStream();
    private ByteBuffer engineApp;

    SslEngineDriver(SecurityContext ours, SSLEngine engine) {
        this.ours = ours;
        this.engine = engine;
        this.engineApp = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Our side sees at most {@code bytes} more input per call (see {@link #window}). */
    SslEngineDriver deliverInPiecesOf(int bytes) {
        this.window = bytes;
        this.visible = bytes;
        return this;
    }

    /** A view of what our side may read now. */
    private ByteBuffer ourInput() {
        ByteBuffer in = toOurs.view();
        if (window > 0) {
            in.limit(Math.min(in.limit(), in.position() + visible));
        }
        return in;
    }

    /** After an INCOMPLETE_MESSAGE: check the hint, then let our side see more. False when nothing more exists. */
    private boolean onIncomplete(Result r) {
        incompleteCount++;
        if (r.missing() <= 0) {
            throw new AssertionError("INCOMPLETE_MESSAGE without a missing() hint: " + r + "\n" + String.join("\n", log));
        }
        if (r.bytesConsumed() != 0 || r.bytesProduced() != 0) {
            throw new AssertionError("INCOMPLETE_MESSAGE must leave the buffers untouched: " + r);
        }
        if (window == 0 || visible >= toOurs.available()) {
            return false;
        }
        visible += window;
        return true;
    }

    private void onConsumed(Result r) {
        if (r.bytesConsumed() > 0) {
            visible = window;
        }
    }

    /** Runs the handshake; fails the test when either side failed or it stalled. */
    SslEngineDriver handshake() throws Exception {
        tryHandshake();
        if (ourFailure != null) {
            throw new AssertionError("our side failed: " + ourFailure + "\n" + String.join("\n", log), ourFailure);
        }
        if (engineFailure != null) {
            throw new AssertionError("SunJSSE failed: " + engineFailure + "\n" + String.join("\n", log), engineFailure);
        }
        return this;
    }

    /**
     * Drives both sides until both finished the handshake, or until each has either finished or failed
     * and nothing is left to deliver. Never throws for a TLS failure: see {@link #ourFailure} and
     * {@link #engineFailure}.
     */
    SslEngineDriver tryHandshake() throws Exception {
        if (!started) {
            // Only once: on an established TLS 1.3 engine, beginHandshake() means KeyUpdate.
            started = true;
            engine.beginHandshake();
        }
        int rounds = window > 0 ? MAX_ROUNDS * 1000 : MAX_ROUNDS;
        for (int round = 0; round < rounds; round++) {
            boolean progress = false;
            if (!ourDone && ourFailure == null) {
                progress |= stepOurs();
            }
            if (engineFailure == null) {
                progress |= pumpEngine();
            }
            boolean engineDone = engineFailure != null || engine.isInboundDone()
                    || engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
            boolean oursSettled = ourDone || ourFailure != null;
            if (oursSettled && engineDone && (toEngine.available() == 0 || engineFailure != null)) {
                return this;
            }
            if (!progress && oursSettled && engineFailure == null && toEngine.available() == 0
                    && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                // The engine waits for a peer that has failed: nothing more will come.
                return this;
            }
            if (!progress && round > 2 && !oursSettled) {
                throw new AssertionError("handshake stalled\n" + String.join("\n", log));
            }
        }
        throw new AssertionError("handshake did not finish in " + rounds + " rounds\n" + String.join("\n", log));
    }

    /**
     * Drives the handshake only until SunJSSE has finished it, leaving our side with unread input (a
     * SunJSSE client's Finished): what comes next lands in the same input, behind it.
     */
    SslEngineDriver untilEngineFinished() throws Exception {
        if (!started) {
            started = true;
            engine.beginHandshake();
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (!ourDone && ourFailure == null) {
                stepOurs();
            }
            pumpEngine();
            if (ourFailure != null || engineFailure != null) {
                throw new AssertionError("handshake failed\n" + String.join("\n", log));
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                return this;
            }
        }
        throw new AssertionError("SunJSSE did not finish\n" + String.join("\n", log));
    }

    /** Step calls on our side while there is something to do; true when anything moved. */
    private boolean stepOurs() {
        boolean progress = false;
        for (int i = 0; i < (window > 0 ? 100_000 : 20); i++) {
            ByteBuffer in = ourInput();
            ByteBuffer out = ByteBuffer.allocate(STEP_OUTPUT);
            Result r;
            try {
                r = ours.step(in, out);
            } catch (SecurityContextException e) {
                toOurs.consumed(in);
                ourFailure = e;
                log.add("ours step threw " + e.reason() + ": " + e.getMessage());
                toEngine.write(e.alertToSend());
                return true;
            }
            toOurs.consumed(in);
            onConsumed(r);
            out.flip();
            toEngine.write(out);
            ourStatuses.add(r.status());
            if (r.status() != Status.INCOMPLETE_MESSAGE || window == 0) {
                log.add("ours step " + r);
            }
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            switch (r.status()) {
                case OK:
                    ourDone = true;
                    if (!r.outputPending()) {
                        return true;
                    }
                    break;
                case INCOMPLETE_CREDENTIALS:
                    // Go on without a certificate, as Schannel does when called again unchanged.
                    progress = true;
                    break;
                case CONTINUE_NEEDED:
                    if (!r.outputPending() && toOurs.available() == 0) {
                        return progress;
                    }
                    if (window > 0 && !r.outputPending() && r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && visible < toOurs.available()) {
                        visible += window;
                        break;
                    }
                    if (!r.outputPending() && r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        return progress;
                    }
                    break;
                case INCOMPLETE_MESSAGE:
                    if (onIncomplete(r)) {
                        progress = true;
                        break;
                    }
                    return progress;
                default:
                    throw new AssertionError("unexpected step status " + r + "\n" + String.join("\n", log));
            }
        }
        return progress;
    }

    /**
     * Everything the engine can do now: delegated tasks, wraps it owes, unwraps of what our side sent.
     * Application data it unwraps is kept for {@link #engineReceive()}. True when anything moved.
     */
    boolean pumpEngine() {
        boolean progress = false;
        for (int i = 0; i < 50; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                progress = true;
                continue;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                if (engineWrap(ByteBuffer.allocate(0)) == null) {
                    return true;
                }
                progress = true;
                continue;
            }
            if (toEngine.available() > 0 && !engine.isInboundDone()) {
                SSLEngineResult r = engineUnwrapOnce();
                if (r == null) {
                    return true;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                        && r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                    return progress;
                }
                progress = true;
                continue;
            }
            return progress;
        }
        return progress;
    }

    /** One wrap into {@link #toOurs}; null when the engine failed (its alert is delivered when it has one). */
    SSLEngineResult engineWrap(ByteBuffer app) {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        try {
            SSLEngineResult r = engine.wrap(app, net);
            log.add("engine wrap " + oneLine(r));
            net.flip();
            toOurs.write(net);
            return r;
        } catch (SSLException e) {
            engineFailed(e);
            return null;
        }
    }

    private SSLEngineResult engineUnwrapOnce() {
        ByteBuffer in = toEngine.view();
        try {
            for (int attempt = 0; attempt < 4; attempt++) {
                SSLEngineResult r = engine.unwrap(in, engineApp);
                log.add("engine unwrap " + oneLine(r));
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    engineDrainApp();
                    engineApp = ByteBuffer.allocate(Math.max(engineApp.capacity() * 2,
                            engine.getSession().getApplicationBufferSize()));
                    continue;
                }
                engineDrainApp();
                return r;
            }
            throw new AssertionError("unwrap kept overflowing\n" + String.join("\n", log));
        } catch (SSLException e) {
            engineFailed(e);
            return null;
        } finally {
            toEngine.consumed(in);
        }
    }

    private void engineDrainApp() {
        engineApp.flip();
        byte[] got = new byte[engineApp.remaining()];
        engineApp.get(got);
        engineReceived.write(got, 0, got.length);
        engineApp.clear();
    }

    /** The engine threw: record it, and send our side the alert it now owes (bounded). */
    private void engineFailed(SSLException e) {
        log.add("engine threw " + e);
        if (engineFailure == null) {
            engineFailure = e;
        }
        for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            try {
                SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), net);
                log.add("engine wrap (alert) " + oneLine(r));
                if (r.bytesProduced() == 0) {
                    break;
                }
            } catch (SSLException again) {
                log.add("engine wrap (alert) threw " + again);
                break;
            }
            net.flip();
            toOurs.write(net);
        }
    }

    // ------------------------------------------------------------------ application data

    /** Our side encrypts {@code data} as records into {@link #toEngine}. */
    void oursSend(byte[] data) throws SecurityContextException {
        ByteBuffer plain = ByteBuffer.wrap(data);
        int size = ours.streamSizes().maximumMessage() + ours.streamSizes().header() + ours.streamSizes().trailer() + 256;
        for (int i = 0; i < 10_000; i++) {
            ByteBuffer out = ByteBuffer.allocate(size);
            Result r = ours.encrypt(plain, out);
            if (r.status() != Status.OK) {
                throw new AssertionError("encrypt: " + r);
            }
            out.flip();
            toEngine.write(out);
            if (!plain.hasRemaining() && !r.outputPending()) {
                return;
            }
        }
        throw new AssertionError("encrypt did not finish");
    }

    /** Our side flushes what it owes (a KeyUpdate, close_notify after shutdown) with step calls. */
    Result oursStep() throws SecurityContextException {
        Result r = null;
        for (int i = 0; i < 10; i++) {
            ByteBuffer out = ByteBuffer.allocate(STEP_OUTPUT);
            r = ours.step(ByteBuffer.allocate(0), out);
            ourStatuses.add(r.status());
            log.add("ours step " + r);
            out.flip();
            toEngine.write(out);
            if (!r.outputPending()) {
                return r;
            }
        }
        return r;
    }

    /** The engine unwraps everything in {@link #toEngine} (answering post-handshake messages) and returns the data. */
    byte[] engineReceive() {
        for (int i = 0; i < 10_000 && (toEngine.available() > 0
                || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                || engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK); i++) {
            if (!pumpEngine()) {
                break;
            }
            if (engineFailure != null) {
                throw new AssertionError("SunJSSE failed: " + engineFailure, engineFailure);
            }
        }
        byte[] got = engineReceived.toByteArray();
        engineReceived.reset();
        return got;
    }

    /** The engine wraps {@code data} into {@link #toOurs}. */
    void engineSend(byte[] data) {
        ByteBuffer app = ByteBuffer.wrap(data);
        for (int i = 0; i < 10_000; i++) {
            SSLEngineResult r = engineWrap(app);
            if (r == null) {
                throw new AssertionError("SunJSSE failed: " + engineFailure, engineFailure);
            }
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new AssertionError("wrap: " + r);
            }
            if (!app.hasRemaining() && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                return;
            }
        }
        throw new AssertionError("wrap did not finish");
    }

    /** What our side got from decrypting {@link #toOurs}, with post-handshake messages stepped. */
    static final class Received {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<Status> statuses = new ArrayList<>();

        byte[] bytes() {
            return data.toByteArray();
        }

        Status last() {
            return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
        }
    }

    /**
     * Our side decrypts all of {@link #toOurs}. RENEGOTIATE is answered with step calls whose output goes to
     * the engine; CONTEXT_EXPIRED ends the reading.
     */
    Received oursReceive() throws SecurityContextException {
        Received got = new Received();
        ByteBuffer plain = ByteBuffer.allocate(ours.streamSizes().maximumMessage() + 256);
        for (int i = 0; i < 1_000_000 && toOurs.available() > 0; i++) {
            ByteBuffer in = ourInput();
            plain.clear();
            Result r = ours.decrypt(in, plain);
            toOurs.consumed(in);
            onConsumed(r);
            got.data.write(plain.array(), 0, plain.position());
            if (r.status() == Status.INCOMPLETE_MESSAGE && window > 0) {
                if (onIncomplete(r)) {
                    continue;
                }
                throw new AssertionError("a record was left incomplete: " + r);
            }
            got.statuses.add(r.status());
            ourStatuses.add(r.status());
            log.add("ours decrypt " + r);
            if (r.status() == Status.RENEGOTIATE) {
                Result s = oursStep();
                if (s.status() != Status.OK) {
                    throw new AssertionError("step after RENEGOTIATE: " + s);
                }
            } else if (r.status() == Status.CONTEXT_EXPIRED) {
                break;
            } else if (r.status() == Status.INCOMPLETE_MESSAGE) {
                throw new AssertionError("a record was left incomplete: " + r);
            } else if (r.status() != Status.OK) {
                throw new AssertionError("decrypt: " + r);
            }
        }
        return got;
    }

    /** Sends {@code data} from our side and returns what the engine got. */
    byte[] oursToEngine(byte[] data) throws SecurityContextException {
        oursSend(data);
        return engineReceive();
    }

    /** Sends {@code data} from the engine and returns what our side got. */
    byte[] engineToOurs(byte[] data) throws SecurityContextException {
        engineSend(data);
        return oursReceive().bytes();
    }

    private static String oneLine(SSLEngineResult r) {
        return r.getStatus() + "/" + r.getHandshakeStatus() + " in=" + r.bytesConsumed() + " out=" + r.bytesProduced();
    }

    @Override
    public void close() {
        ours.close();
        engine.closeOutbound();
        try {
            engine.closeInbound();
        } catch (SSLException expected) {
            // closing inbound before the peer's close_notify is reported as a possible truncation: irrelevant here
        }
    }
}
