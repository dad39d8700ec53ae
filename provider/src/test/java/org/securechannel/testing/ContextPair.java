package org.securechannel.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * A client and a server context joined in memory, driven through the token API exactly as an
 * application would: step until OK, then encrypt/decrypt. Every loop is bounded.
 */
public final class ContextPair implements AutoCloseable {
    public final SecurityContext client;
    public final SecurityContext server;
    public final Pipe toServer = new Pipe();
    public final Pipe toClient = new Pipe();
    /** One line per step call: side, status, bytes in and out. */
    public final List<String> log = new ArrayList<>();
    /** The statuses of every step call, client and server, in order. */
    public final List<Status> clientStatuses = new ArrayList<>();
    public final List<Status> serverStatuses = new ArrayList<>();
    private int outputSize = 32 * 1024;

    public ContextPair(SecurityContext client, SecurityContext server) {
        this.client = client;
        this.server = server;
    }

    public ContextPair outputSize(int size) {
        this.outputSize = size;
        return this;
    }

    /** Steps both sides until both say OK. INCOMPLETE_CREDENTIALS is answered by calling step again. */
    public ContextPair handshake() throws SecurityContextException {
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < 400 && !(clientDone && serverDone); i++) {
            if (!clientDone) {
                clientDone = stepOnce(client, toClient, toServer, clientStatuses, "client") == Status.OK;
            }
            if (!serverDone) {
                serverDone = stepOnce(server, toServer, toClient, serverStatuses, "server") == Status.OK;
            }
        }
        if (!(clientDone && serverDone)) {
            throw new AssertionError("handshake did not complete: " + log);
        }
        return this;
    }

    /** One step call of {@code side} on what {@code from} holds, its output into {@code to}. */
    public Status stepOnce(SecurityContext side, Pipe from, Pipe to, List<Status> statuses, String name)
            throws SecurityContextException {
        ByteBuffer in = from.view();
        ByteBuffer out = ByteBuffer.allocate(outputSize);
        Result r = side.step(in, out);
        from.consumed(in);
        out.flip();
        to.write(out);
        statuses.add(r.status());
        log.add(name + " " + r);
        return r.status();
    }

    /** Sends {@code data} from one side and returns what the other side decrypts. */
    public byte[] transfer(SecurityContext from, byte[] data) throws SecurityContextException {
        Pipe pipe = from == client ? toServer : toClient;
        SecurityContext to = from == client ? server : client;
        ByteBuffer plain = ByteBuffer.wrap(data);
        for (int i = 0; i < 10_000 && plain.hasRemaining(); i++) {
            ByteBuffer out = ByteBuffer.allocate(outputSize);
            Result r = from.encrypt(plain, out);
            if (r.status() != Status.OK) {
                throw new AssertionError("encrypt: " + r);
            }
            out.flip();
            pipe.write(out);
        }
        return receive(to, pipe);
    }

    /** Decrypts everything {@code pipe} holds for {@code to}, processing post-handshake messages. */
    public byte[] receive(SecurityContext to, Pipe pipe) throws SecurityContextException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Pipe back = pipe == toServer ? toClient : toServer;
        for (int i = 0; i < 10_000 && pipe.available() > 0; i++) {
            ByteBuffer in = pipe.view();
            ByteBuffer plain = ByteBuffer.allocate(outputSize);
            Result r = to.decrypt(in, plain);
            pipe.consumed(in);
            got.write(plain.array(), 0, plain.position());
            if (r.status() == Status.RENEGOTIATE) {
                ByteBuffer out = ByteBuffer.allocate(outputSize);
                to.step(ByteBuffer.allocate(0), out);
                out.flip();
                back.write(out);
            } else if (r.status() == Status.CONTEXT_EXPIRED || r.status() == Status.INCOMPLETE_MESSAGE) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** The other side of {@code side}. */
    public SecurityContext peer(SecurityContext side) {
        return side == client ? server : client;
    }

    /** The pipe {@code side} writes into. */
    public Pipe outgoing(SecurityContext side) {
        return side == client ? toServer : toClient;
    }

    /** The pipe {@code side} reads from. */
    public Pipe incoming(SecurityContext side) {
        return side == client ? toClient : toServer;
    }

    /** Encrypts {@code data} on {@code from} into its outgoing pipe, without delivering it. */
    public void send(SecurityContext from, byte[] data) throws SecurityContextException {
        ByteBuffer plain = ByteBuffer.wrap(data);
        Pipe pipe = outgoing(from);
        for (int i = 0; i < 10_000 && plain.hasRemaining(); i++) {
            ByteBuffer out = ByteBuffer.allocate(outputSize);
            Result r = from.encrypt(plain, out);
            if (r.status() != Status.OK) {
                throw new AssertionError("encrypt: " + r);
            }
            out.flip();
            pipe.write(out);
        }
        if (plain.hasRemaining()) {
            throw new AssertionError("encrypt did not take all the data");
        }
    }

    /** {@code shutdown()} then one {@code step} on {@code side}; the close_notify goes into its outgoing pipe. */
    public Result shutdown(SecurityContext side) throws SecurityContextException {
        side.shutdown();
        ByteBuffer out = ByteBuffer.allocate(outputSize);
        Result r = side.step(ByteBuffer.allocate(0), out);
        out.flip();
        outgoing(side).write(out);
        log.add((side == client ? "client" : "server") + " shutdown " + r);
        return r;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
