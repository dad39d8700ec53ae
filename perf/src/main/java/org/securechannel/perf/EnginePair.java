package org.securechannel.perf;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server SSLEngine joined by two in-memory byte buffers, driven on one thread exactly as
 * a non-blocking application drives them. Buffers belong to a {@link Buffers} that callers may reuse
 * between pairs, so a handshake benchmark measures the engines, not this harness's allocation.
 * Every loop is bounded: a provider that stops making progress fails loudly instead of spinning.
 */
public final class EnginePair {
    private static final int MAX_STEPS = 1_000;

    /** Network buffers in write mode (position = end of unread data) and application receive buffers. */
    public static final class Buffers {
        final ByteBuffer toServer;
        final ByteBuffer toClient;
        final ByteBuffer clientApp;
        final ByteBuffer serverApp;
        final ByteBuffer oneByte;
        final ByteBuffer empty;

        public Buffers(boolean direct, int netSize, int appSize) {
            toServer = allocate(direct, netSize);
            toClient = allocate(direct, netSize);
            clientApp = allocate(direct, appSize);
            serverApp = allocate(direct, appSize);
            oneByte = allocate(direct, 1);
            empty = allocate(direct, 0);
        }

        static ByteBuffer allocate(boolean direct, int size) {
            return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        }

        void clear() {
            toServer.clear();
            toClient.clear();
            clientApp.clear();
            serverApp.clear();
        }
    }

    public final SSLEngine client;
    public final SSLEngine server;
    private final Buffers b;
    /**
     * When set, the bytes of each side's first wrap are kept: the ClientHello and the server's first flight
     * (ServerHello first), for set-up checks.
     */
    private boolean captureHellos;
    private byte[] clientHello;
    private byte[] serverHello;

    public EnginePair(SSLEngine client, SSLEngine server, Buffers buffers) {
        this.client = client;
        this.server = server;
        this.b = buffers;
        buffers.clear();
    }

    public EnginePair captureHellos() {
        this.captureHellos = true;
        return this;
    }

    public ClientHelloInfo clientHello() {
        if (clientHello == null) {
            throw new IllegalStateException("the client's first flight was not captured");
        }
        return ClientHelloInfo.parse(clientHello);
    }

    public ServerHelloInfo serverHello() {
        if (serverHello == null) {
            throw new IllegalStateException("the server's first flight was not captured");
        }
        return ServerHelloInfo.parse(serverHello);
    }

    /** Runs the handshake until neither engine has anything left to do. */
    public EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < MAX_STEPS; i++) {
            boolean progress = drive(client, b.toClient, b.toServer, b.clientApp, false);
            progress |= drive(server, b.toServer, b.toClient, b.serverApp, true);
            if (idle(client) && idle(server)) {
                return this;
            }
            if (!progress) {
                throw new IllegalStateException("handshake stalled: client " + client.getHandshakeStatus()
                        + ", server " + server.getHandshakeStatus());
            }
        }
        throw new IllegalStateException("handshake did not finish in " + MAX_STEPS + " steps");
    }

    private static boolean idle(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    /** Does what {@code e} asks for until it waits for its peer; true if anything happened. */
    private boolean drive(SSLEngine e, ByteBuffer in, ByteBuffer out, ByteBuffer app, boolean isServer)
            throws SSLException {
        boolean progress = false;
        for (int i = 0; i < MAX_STEPS; i++) {
            HandshakeStatus hs = e.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK:
                    runTasks(e);
                    progress = true;
                    break;
                case NEED_WRAP: {
                    int before = out.position();
                    SSLEngineResult r = e.wrap(b.empty, out);
                    check(r, e);
                    if (captureHellos && out.position() > before) {
                        if (isServer && serverHello == null) {
                            serverHello = copy(out, before);
                        } else if (!isServer && clientHello == null) {
                            clientHello = copy(out, before);
                        }
                    }
                    if (r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        return progress;
                    }
                    progress = true;
                    break;
                }
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN: {
                    in.flip();
                    SSLEngineResult r;
                    try {
                        r = e.unwrap(in, app);
                    } finally {
                        in.compact();
                    }
                    app.clear();
                    check(r, e);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || (r.bytesConsumed() == 0 && r.getHandshakeStatus() == hs)) {
                        return progress;
                    }
                    progress = true;
                    break;
                }
                default:
                    return progress;
            }
        }
        throw new IllegalStateException("engine keeps asking: " + e.getHandshakeStatus());
    }

    private static byte[] copy(ByteBuffer out, int from) {
        byte[] bytes = new byte[out.position() - from];
        out.duplicate().position(from).get(bytes);
        return bytes;
    }

    private static void runTasks(SSLEngine e) {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static void check(SSLEngineResult r, SSLEngine e) {
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new IllegalStateException("buffer overflow in " + e + ": " + r);
        }
    }

    /** Sends {@code data} (all remaining) from one side and has the other side read it; returns bytes read. */
    public int send(boolean fromClient, ByteBuffer data) throws SSLException {
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        ByteBuffer net = fromClient ? b.toServer : b.toClient;
        ByteBuffer app = fromClient ? b.serverApp : b.clientApp;
        int expected = data.remaining();
        for (int i = 0; data.hasRemaining(); i++) {
            if (i == MAX_STEPS) {
                throw new IllegalStateException("wrap does not take the data");
            }
            SSLEngineResult r = from.wrap(data, net);
            check(r, from);
        }
        app.clear();
        net.flip();
        try {
            for (int i = 0; app.position() < expected && net.hasRemaining(); i++) {
                if (i == MAX_STEPS) {
                    throw new IllegalStateException("unwrap makes no progress");
                }
                SSLEngineResult r = to.unwrap(net, app);
                check(r, to);
                if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runTasks(to);
                }
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
            }
        } finally {
            net.compact();
        }
        return app.position();
    }

    /** One byte from the client, then one back from the server: the first application data of both. */
    public void pingPong() throws SSLException {
        for (boolean fromClient : new boolean[] {true, false}) {
            b.oneByte.clear();
            b.oneByte.put(0, (byte) 'x');
            if (send(fromClient, b.oneByte) != 1) {
                throw new IllegalStateException("one byte did not arrive");
            }
        }
    }

    /** close_notify from the client, then from the server; both engines end fully closed. */
    public void close() throws SSLException {
        closeOneWay(client, server, b.toServer, b.serverApp);
        closeOneWay(server, client, b.toClient, b.clientApp);
        if (!client.isInboundDone() || !server.isInboundDone() || !client.isOutboundDone()
                || !server.isOutboundDone()) {
            throw new IllegalStateException("engines not closed");
        }
    }

    private void closeOneWay(SSLEngine from, SSLEngine to, ByteBuffer net, ByteBuffer app) throws SSLException {
        from.closeOutbound();
        for (int i = 0; !from.isOutboundDone(); i++) {
            if (i == MAX_STEPS) {
                throw new IllegalStateException("close_notify not written");
            }
            check(from.wrap(b.empty, net), from);
        }
        net.flip();
        try {
            for (int i = 0; !to.isInboundDone() && net.hasRemaining(); i++) {
                if (i == MAX_STEPS) {
                    throw new IllegalStateException("close_notify not read");
                }
                app.clear();
                SSLEngineResult r = to.unwrap(net, app);
                check(r, to);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
            }
        } finally {
            net.compact();
            app.clear();
        }
        if (!to.isInboundDone()) {
            throw new IllegalStateException(to + " did not see close_notify");
        }
    }
}
