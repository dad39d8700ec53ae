package org.securechannel.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.securechannel.context.Credentials;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * A security context on a TCP socket: the one place the token loop lives (demo, client and server all use
 * it). It reads the peer's bytes into {@code in}, hands them to {@code step}/{@code decrypt}, sends what
 * they produce, and keeps what they did not consume (a partial record, or application data that arrived
 * with the last handshake flight) for the next call.
 *
 * <p>Threads: one thread may {@link #read} while another {@link #write}s, as the context allows. Everything
 * that sends (step, encrypt, close_notify) holds {@code sendLock} from producing a record until it is on the
 * socket, so records leave in the order the context protected them.
 */
public final class ContextStream implements AutoCloseable {
    /** Sees every call's result, e.g. for the demo's step-by-step trace. */
    public interface Trace {
        void result(String operation, Result result);
    }

    /**
     * Buffers grow with what arrives, not with what could: {@code in} holds the unconsumed bytes plus at most
     * this much room, whatever a record header announced; {@code plain} is sized to what arrived.
     */
    private static final int READ_ROOM = 4096;
    private static final int MIN_READ_ROOM = 1024;
    /** {@code out} for a handshake step: a usual flight in one write; smaller would cut it into many records. */
    private static final int STEP_OUT = 4096;
    /** Header, inner content type and AEAD tag of a TLS 1.3 record. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 16;
    private static final int MAX_FRAGMENT = 16384;
    private static final int MAX_RECORD = 5 + MAX_FRAGMENT + 256;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SecurityContext context;
    private final Socket socket;
    private final InputStream socketIn;
    private final OutputStream socketOut;
    private final Credentials credentials;
    private final Trace trace;
    private final Object sendLock = new Object();

    /** Peer bytes not yet consumed, kept in read mode (position..limit). Touched only by the reading thread. */
    private ByteBuffer in = ByteBuffer.allocate(0);
    private ByteBuffer plain = ByteBuffer.allocate(0);
    /** Output of step and encrypt; guarded by sendLock. */
    private ByteBuffer out = ByteBuffer.allocate(0);

    private volatile boolean outboundClosed;
    /** Whether the last RENEGOTIATE was answered without decrypt having consumed a byte (reading thread). */
    private boolean answeredWithoutProgress;
    private volatile boolean failed;
    private boolean inboundClosed;

    /**
     * @param credentials the credentials the context was made with: supplied again on INCOMPLETE_CREDENTIALS,
     *                    which tells a client without a certificate to go on without one
     * @param trace       sees each result; null for none
     */
    public ContextStream(SecurityContext context, Socket socket, Credentials credentials, Trace trace) throws IOException {
        this.context = context;
        this.socket = socket;
        this.socketIn = socket.getInputStream();
        this.socketOut = socket.getOutputStream();
        this.credentials = credentials;
        this.trace = trace == null ? (op, r) -> { } : trace;
    }

    public SecurityContext context() {
        return context;
    }

    public Socket socket() {
        return socket;
    }

    /** Runs the handshake to OK. Application data that came with the peer's last flight stays for {@link #read}. */
    public void handshake() throws IOException {
        while (true) {
            Result r = stepAndSend(in);
            switch (r.status()) {
                case OK:
                    if (r.outputPending()) {
                        continue;
                    }
                    return;
                case CONTINUE_NEEDED:
                    if (r.outputPending()) {
                        continue; // more to send before the peer can answer
                    }
                    if (r.bytesConsumed() > 0 && in.hasRemaining()) {
                        continue; // the next records are already here
                    }
                    fillOrThrow(1);
                    break;
                case INCOMPLETE_MESSAGE:
                    fillOrThrow(r.missing());
                    break;
                case INCOMPLETE_CREDENTIALS:
                    supplyCredentials();
                    break;
                case CONTEXT_EXPIRED:
                    throw new EOFException("the peer closed the connection during the handshake");
                default:
                    throw new IOException("unexpected result during the handshake: " + r);
            }
        }
    }

    /** Encrypts and sends all of {@code data}, as whole records. */
    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer p = ByteBuffer.wrap(data, offset, length);
        synchronized (sendLock) {
            if (outboundClosed) {
                throw new IOException("cannot write after close_notify");
            }
            int record = Math.min(length, MAX_FRAGMENT) + RECORD_OVERHEAD;
            if (out.capacity() < record) {
                out = ByteBuffer.allocate(record);
            }
            while (p.hasRemaining()) {
                out.clear();
                Result r;
                try {
                    r = context.encrypt(p, out);
                } catch (SecurityContextException e) {
                    throw failure(e);
                }
                trace.result("encrypt", r);
                if (r.status() == Status.BUFFER_TOO_SMALL) {
                    out = grown(out, r.missing());
                    continue;
                }
                send(out);
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    throw new IOException("encrypt made no progress: " + r);
                }
            }
        }
    }

    /**
     * The next application data from the peer, or null once the peer's close_notify arrived (and forever
     * after). A post-handshake message (ticket, KeyUpdate) is handed to step, its answer sent, and reading goes on.
     *
     * @throws EOFException when the connection ends without close_notify (a truncation attack, or a crash)
     */
    public byte[] read() throws IOException {
        if (inboundClosed) {
            return null;
        }
        while (true) {
            if (in.hasRemaining()) {
                int arrived = Math.min(in.remaining(), MAX_RECORD);
                if (plain.capacity() < arrived) {
                    plain = ByteBuffer.allocate(arrived); // a record's content is shorter than the record
                }
                plain.clear();
                Result r;
                try {
                    r = context.decrypt(in, plain);
                } catch (SecurityContextException e) {
                    throw failure(e);
                }
                trace.result("decrypt", r);
                byte[] data = Arrays.copyOf(plain.array(), plain.position());
                boolean stalledBefore = answeredWithoutProgress;
                answeredWithoutProgress = false;
                switch (r.status()) {
                    case OK:
                        if (data.length > 0) {
                            return data;
                        }
                        if (r.bytesConsumed() > 0) {
                            continue; // e.g. an empty record; look at what follows
                        }
                        break; // nothing usable yet: read more
                    case INCOMPLETE_MESSAGE:
                        if (data.length > 0) {
                            return data;
                        }
                        fillOrEof(r.missing());
                        continue;
                    case BUFFER_TOO_SMALL:
                        plain = grown(plain, r.missing());
                        continue;
                    case CONTEXT_EXPIRED:
                        inboundClosed = true;
                        return data.length > 0 ? data : null;
                    case RENEGOTIATE:
                        if (r.bytesConsumed() == 0 && data.length == 0) {
                            if (stalledBefore) {
                                // step must take every buffered post-handshake message; asking again would spin.
                                throw new IOException("a post-handshake message stays unprocessed: " + r);
                            }
                            answeredWithoutProgress = true;
                        }
                        answerPostHandshakeMessage();
                        if (data.length > 0) {
                            return data;
                        }
                        continue;
                    default:
                        throw new IOException("unexpected result from decrypt: " + r);
                }
            }
            fillOrEof(1);
        }
    }

    /** Whether the peer's close_notify has arrived. */
    public boolean peerClosed() {
        return inboundClosed;
    }

    /** Sends close_notify (shutdown, then step); later writes fail. Does nothing after a fatal alert. */
    public void closeOutbound() throws IOException {
        synchronized (sendLock) {
            if (outboundClosed || failed) {
                return;
            }
            outboundClosed = true;
            context.shutdown();
            Result r = stepAndSend(EMPTY);
            for (int i = 0; r.outputPending() && i < 16; i++) {
                r = stepAndSend(EMPTY);
            }
        }
    }

    /** Sends close_notify if the handshake completed and none was sent, then closes the socket and the context. */
    @Override
    public void close() {
        try {
            if (context.isEstablished() && !failed && !socket.isClosed()) {
                closeOutbound();
            }
        } catch (IOException | RuntimeException ignored) {
            // The peer may be gone already; closing must still release the socket and the keys.
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            context.close();
        }
    }

    private void answerPostHandshakeMessage() throws IOException {
        Result r = stepAndSend(EMPTY);
        for (int i = 0; i < 16 && (r.outputPending() || r.status() == Status.INCOMPLETE_CREDENTIALS); i++) {
            if (r.status() == Status.INCOMPLETE_CREDENTIALS) {
                supplyCredentials();
            }
            r = stepAndSend(EMPTY);
        }
    }

    private void supplyCredentials() throws IOException {
        try {
            context.supplyCredentials(credentials);
        } catch (SecurityContextException e) {
            throw failure(e);
        }
    }

    /** One step; its output is on the wire before the lock is released. Grows {@code out} when asked to. */
    private Result stepAndSend(ByteBuffer input) throws IOException {
        synchronized (sendLock) {
            if (out.capacity() < STEP_OUT) {
                out = ByteBuffer.allocate(STEP_OUT);
            }
            while (true) {
                out.clear();
                Result r;
                try {
                    r = context.step(input, out);
                } catch (SecurityContextException e) {
                    throw failure(e);
                }
                trace.result("step", r);
                if (r.status() == Status.BUFFER_TOO_SMALL) {
                    out = grown(out, r.missing());
                    continue;
                }
                send(out);
                return r;
            }
        }
    }

    private void send(ByteBuffer produced) throws IOException {
        produced.flip();
        if (produced.hasRemaining()) {
            socketOut.write(produced.array(), produced.arrayOffset() + produced.position(), produced.remaining());
            socketOut.flush();
        }
        produced.clear();
    }

    /**
     * Reads once more from the socket towards the {@code missing} bytes, growing {@code in} by at most
     * {@link #READ_ROOM} beyond what it holds; false at end of stream.
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
            n = socketIn.read(in.array(), in.arrayOffset() + in.position(), in.remaining());
        } catch (IOException e) {
            in.flip(); // back to read mode, so a caller that retries (after a timeout) loses nothing
            throw e;
        }
        if (n > 0) {
            in.position(in.position() + n);
        }
        in.flip();
        return n >= 0;
    }

    private void fillOrThrow(int missing) throws IOException {
        if (!fill(missing)) {
            throw new EOFException("the peer closed the connection during the handshake");
        }
    }

    private void fillOrEof(int missing) throws IOException {
        if (!fill(missing)) {
            throw new EOFException("the peer closed the connection without close_notify");
        }
    }

    /** Sends the alert the context owes the peer (best effort) and turns the failure into an IOException. */
    private IOException failure(SecurityContextException e) {
        failed = true;
        byte[] alert = e.alertToSend();
        if (alert.length > 0) {
            synchronized (sendLock) {
                try {
                    socketOut.write(alert);
                    socketOut.flush();
                } catch (IOException ignored) {
                    // the peer may already be gone; the failure itself is what matters
                }
            }
        }
        return new TlsFailureException(e);
    }

    private static ByteBuffer grown(ByteBuffer buffer, int needed) {
        int size = needed > buffer.capacity() ? needed : buffer.capacity() * 2;
        return ByteBuffer.allocate(size);
    }
}
