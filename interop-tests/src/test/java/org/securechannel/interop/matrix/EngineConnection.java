package org.securechannel.interop.matrix;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * Any {@link SSLEngine} (ours or a peer's: SunJSSE, BCJSSE, Conscrypt, BoringSSL through Netty) over a blocking
 * {@link SocketChannel}, TCP or Unix-domain: the one way the matrix drives an engine, so every in-JVM peer and our
 * side run the same code. One thread may write while another reads (the engine allows one wrap and one unwrap at
 * a time); a post-handshake message that owes a reply (KeyUpdate, a ticket) is answered from the reading thread.
 * Every connection has a deadline after which its channel is closed, so no read blocks a test forever.
 */
final class EngineConnection implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "matrix-watchdog");
        t.setDaemon(true);
        return t;
    });

    final SSLEngine engine;
    /** Whether the engine is Netty's OpenSslEngine (BoringSSL), whose handshake status after an unwrap can be stale. */
    private final boolean netty;
    private final SocketChannel channel;
    private final ScheduledFuture<?> deadline;
    private final Object wrapLock = new Object();
    private final Object unwrapLock = new Object();
    /** Received TLS bytes not yet unwrapped; write mode. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped but not yet read; read mode. */
    private ByteBuffer plain;
    private ByteBuffer netOut;
    private boolean inboundClosed;

    EngineConnection(SSLEngine engine, SocketChannel channel, long timeoutSeconds) {
        this.engine = engine;
        this.channel = channel;
        this.netty = engine.getClass().getName().startsWith("io.netty.");
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.deadline = WATCHDOG.schedule(this::closeChannel, timeoutSeconds, TimeUnit.SECONDS);
    }

    /** Runs the handshake to its end as this engine sees it (a TLS 1.3 server may still await the client's Finished). */
    void handshake() throws IOException {
        engine.beginHandshake();
        for (int i = 0; i < 1000; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapOnce()) {
                        throw new EOFException("the peer closed the connection during the handshake");
                    }
                    if (netty && netIn.position() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        // Netty's OpenSslEngine learns that an unwrap completed the handshake only on its next call:
                        // a TLS 1.2 client reports NEED_UNWRAP after reading the server's Finished, and a driver that
                        // believes it waits forever for a record that will not come. A wrap of nothing lets it say
                        // FINISHED; any other state makes it produce nothing.
                        wrap(EMPTY);
                    }
                    break;
                case NEED_TASK:
                    runTasks();
                    break;
                default:
                    return;
            }
        }
        throw new IOException("handshake did not finish in 1000 steps");
    }

    /** Asks the engine for a second handshake, which on TLS 1.3 is a KeyUpdate, and sends it. */
    void keyUpdate() throws IOException {
        synchronized (wrapLock) {
            engine.beginHandshake();
            wrap(EMPTY);
        }
    }

    void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data, offset, length);
        while (src.hasRemaining()) {
            if (wrap(src).getStatus() == Status.CLOSED) {
                throw new IOException("the engine is closed for writing");
            }
        }
    }

    /** Up to {@code into.length} bytes of plaintext; -1 after close_notify or end of stream. */
    int read(byte[] into) throws IOException {
        while (!plain.hasRemaining()) {
            if (inboundClosed || !unwrapOnce()) {
                return -1;
            }
        }
        int n = Math.min(into.length, plain.remaining());
        plain.get(into, 0, n);
        return n;
    }

    /** Sends close_notify. */
    void closeOutbound() throws IOException {
        synchronized (wrapLock) {
            engine.closeOutbound();
            for (int i = 0; i < 10 && !engine.isOutboundDone(); i++) {
                wrap(EMPTY);
            }
        }
    }

    /** Reads and drops what still comes until the peer's close_notify or end of stream; bounded by the deadline. */
    void drain() {
        byte[] sink = new byte[16384];
        try {
            while (read(sink) >= 0) {
                // dropped
            }
        } catch (IOException peerWentAway) {
            // a peer may close without close_notify once it has what it wanted
        }
    }

    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        synchronized (wrapLock) {
            for (int i = 0; i < 100; i++) {
                netOut.clear();
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                    netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                    continue;
                }
                netOut.flip();
                while (netOut.hasRemaining()) {
                    channel.write(netOut);
                }
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
                return r;
            }
            throw new IOException("wrap overflowed 100 times");
        }
    }

    /** One unwrap that produced something or moved the handshake on; false at close_notify or end of stream. */
    private boolean unwrapOnce() throws IOException {
        synchronized (unwrapLock) {
            for (int i = 0; i < 10_000; i++) {
                netIn.flip();
                ByteBuffer out = ByteBuffer.allocate(Math.max(engine.getSession().getApplicationBufferSize(), 1 << 15));
                SSLEngineResult r;
                try {
                    r = engine.unwrap(netIn, out);
                } finally {
                    netIn.compact();
                }
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        if (!netIn.hasRemaining()) {
                            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
                        }
                        if (channel.read(netIn) < 0) {
                            inboundClosed = true;
                            return false;
                        }
                        continue;
                    case BUFFER_OVERFLOW:
                        continue;
                    case CLOSED:
                        inboundClosed = true;
                        deliver(out);
                        if (r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                            wrap(EMPTY);
                        }
                        return false;
                    default:
                        deliver(out);
                        HandshakeStatus hs = r.getHandshakeStatus();
                        if (hs == HandshakeStatus.NEED_TASK) {
                            runTasks();
                            hs = engine.getHandshakeStatus();
                        }
                        if (hs == HandshakeStatus.NEED_WRAP) {
                            wrap(EMPTY);
                        }
                        return true;
                }
            }
            throw new IOException("unwrap made no progress in 10000 steps");
        }
    }

    private void deliver(ByteBuffer out) {
        out.flip();
        if (!out.hasRemaining()) {
            return;
        }
        ByteBuffer joined = ByteBuffer.allocate(plain.remaining() + out.remaining());
        joined.put(plain).put(out).flip();
        plain = joined;
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }

    @Override
    public void close() {
        deadline.cancel(false);
        closeChannel();
    }
}
