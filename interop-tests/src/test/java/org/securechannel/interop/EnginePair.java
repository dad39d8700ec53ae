package org.securechannel.interop;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/** Two SSLEngines of any providers joined in memory, handshaking in a bounded loop. Not a test class. */
final class EnginePair {
    private EnginePair() {
    }

    /** Runs the handshake of {@code client} and {@code server} until neither is handshaking; fails after 200 rounds. */
    static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            step(client, toClient, toServer);
            step(server, toServer, toClient);
            if (idle(client) && idle(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new AssertionError("no handshake in 200 rounds: client " + client.getHandshakeStatus() + ", server "
                + server.getHandshakeStatus());
    }

    private static boolean idle(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** One engine: unwrap what it was sent, run its tasks, wrap what it owes. */
    private static void step(SSLEngine e, ByteBuffer in, ByteBuffer out) throws Exception {
        ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
        in.flip();
        while (in.hasRemaining() && e.unwrap(in, app).bytesConsumed() > 0) {
            runTasks(e);
        }
        in.compact();
        runTasks(e);
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            if (e.wrap(ByteBuffer.allocate(0), out).bytesProduced() == 0) {
                break;
            }
            runTasks(e);
        }
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
        }
    }
}
