package org.securechannel.perf;

import java.nio.ByteBuffer;
import org.securechannel.context.Credentials;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;

/**
 * A client and a server SecurityContext joined in memory and driven through the token API (step, encrypt,
 * decrypt) with preallocated buffers: the engine without the SSLEngine adapter, for EngineApiBenchmark.
 */
final class ContextPairDriver {
    private static final int MAX_STEPS = 1_000;

    final SecurityContext client;
    final SecurityContext server;
    private final ByteBuffer toServer;
    private final ByteBuffer toClient;
    private final ByteBuffer app;

    ContextPairDriver(Credentials clientCredentials, Credentials serverCredentials, ByteBuffer toServer,
            ByteBuffer toClient, ByteBuffer app) {
        this.client = SecurityContext.client(clientCredentials, null);
        this.server = SecurityContext.server(serverCredentials);
        this.toServer = toServer.clear();
        this.toClient = toClient.clear();
        this.app = app;
    }

    void handshake() throws Exception {
        boolean clientDone = false;
        boolean serverDone = false;
        for (int i = 0; i < MAX_STEPS && !(clientDone && serverDone); i++) {
            if (!clientDone) {
                clientDone = step(client, toClient, toServer) == Status.OK;
            }
            if (!serverDone) {
                serverDone = step(server, toServer, toClient) == Status.OK;
            }
        }
        if (!(clientDone && serverDone)) {
            throw new IllegalStateException("handshake did not complete");
        }
    }

    private static Status step(SecurityContext side, ByteBuffer in, ByteBuffer out) throws Exception {
        in.flip();
        try {
            return side.step(in, out).status();
        } finally {
            in.compact();
        }
    }

    /** Encrypts all of {@code data} on one side and decrypts it on the other; returns bytes received. */
    int send(boolean fromClient, ByteBuffer data) throws Exception {
        SecurityContext from = fromClient ? client : server;
        SecurityContext to = fromClient ? server : client;
        ByteBuffer net = fromClient ? toServer : toClient;
        for (int i = 0; data.hasRemaining(); i++) {
            if (i == MAX_STEPS) {
                throw new IllegalStateException("encrypt does not take the data");
            }
            from.encrypt(data, net);
        }
        app.clear();
        net.flip();
        try {
            for (int i = 0; net.hasRemaining(); i++) {
                if (i == MAX_STEPS) {
                    throw new IllegalStateException("decrypt makes no progress");
                }
                Result r = to.decrypt(net, app);
                if (r.status() == Status.RENEGOTIATE) {
                    // A NewSessionTicket: let the context take it.
                    to.step(ByteBuffer.allocate(0), fromClient ? toClient : toServer);
                } else if (r.status() != Status.OK) {
                    break;
                }
            }
        } finally {
            net.compact();
        }
        return app.position();
    }

    void close() throws Exception {
        client.shutdown();
        step(client, toClient, toServer);
        server.decrypt(toServer.flip(), app.clear());
        toServer.compact();
        server.shutdown();
        step(server, toServer, toClient);
        client.decrypt(toClient.flip(), app.clear());
        toClient.compact();
        client.close();
        server.close();
    }
}
