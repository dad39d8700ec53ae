package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.context.ConnectionFailure;
import org.securechannel.context.Credentials;
import org.securechannel.context.Status;

/** The token loop against a scripted context that takes every awkward path the contract allows. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ContextStreamTest {

    @Test
    void handshakeDataBothWaysPostHandshakeMessageAndCloseNotify() throws Exception {
        ScriptedContext clientContext = new ScriptedContext(true);
        ScriptedContext serverContext = new ScriptedContext(false);
        List<String> clientTrace = Collections.synchronizedList(new ArrayList<>());
        byte[] big = new byte[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(10_000);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept();
                        ContextStream stream = new ContextStream(serverContext, s, null, null)) {
                    s.setSoTimeout(10_000);
                    stream.handshake();
                    serverContext.requestKeyUpdate(true);
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    while (got.size() < big.length) {
                        got.write(stream.read());
                    }
                    stream.write(got.toByteArray());
                    assertNull(stream.read(), "the client's close_notify");
                    stream.closeOutbound();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Socket socket = new Socket();
            socket.connect(listener.getLocalSocketAddress(), 10_000);
            socket.setSoTimeout(10_000);
            try (ContextStream client = new ContextStream(clientContext, socket, null,
                    (op, r) -> clientTrace.add(op + " " + r.status()))) {
                client.handshake();
                assertEquals(1, clientContext.credentialsSupplied, "INCOMPLETE_CREDENTIALS answered once");
                assertTrue(clientTrace.contains("step BUFFER_TOO_SMALL"), clientTrace.toString());

                // Glued to the last flight: left in `in` by step and handed to decrypt.
                assertEquals(ScriptedContext.EARLY, new String(client.read(), StandardCharsets.US_ASCII));

                client.write(big);
                ByteArrayOutputStream echoed = new ByteArrayOutputStream();
                while (echoed.size() < big.length) {
                    echoed.write(client.read());
                }
                assertArrayEquals(big, echoed.toByteArray());
                assertEquals(1, clientContext.postHandshakeAnswered, "RENEGOTIATE led to a step and its answer");

                client.closeOutbound();
                assertNull(client.read(), "CONTEXT_EXPIRED after the server's close_notify");
                assertNull(client.read(), "and forever after");
                assertTrue(client.peerClosed());
            }
            server.get(10, TimeUnit.SECONDS);
        }
        assertTrue(clientTrace.contains("decrypt " + Status.RENEGOTIATE), clientTrace.toString());
    }

    /** The credentials' handshake timeout bounds the handshake of the CLI too, however long SO_TIMEOUT is. */
    @Test
    void aSilentPeerMeetsTheHandshakeTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket socket = new Socket();
            socket.connect(listener.getLocalSocketAddress(), 10_000);
            socket.setSoTimeout(10_000);
            Credentials timeout = Credentials.client().handshakeTimeout(java.time.Duration.ofMillis(300)).build();
            try (Socket silent = listener.accept();
                    ContextStream client = new ContextStream(new ScriptedContext(true), socket, timeout, null)) {
                long start = System.nanoTime();
                ConnectionFailure f = assertThrows(ConnectionFailure.class, client::handshake);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(ConnectionFailure.Kind.TIMED_OUT, f.kind());
                assertTrue(tookMillis >= 250 && tookMillis < 5_000, "gave up after " + tookMillis + " ms");
                assertEquals(10_000, socket.getSoTimeout(), "SO_TIMEOUT is as it was");
            }
        }
    }

    @Test
    void truncationWithoutCloseNotifyIsAnError() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(10_000);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    ContextStream stream = new ContextStream(new ScriptedContext(false), s, null, null);
                    s.setSoTimeout(10_000);
                    stream.handshake();
                    // then drop the TCP connection without close_notify
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Socket socket = new Socket();
            socket.connect(listener.getLocalSocketAddress(), 10_000);
            socket.setSoTimeout(10_000);
            try (ContextStream client = new ContextStream(new ScriptedContext(true), socket, null, null)) {
                client.handshake();
                client.read(); // the glued record
                server.get(10, TimeUnit.SECONDS);
                assertThrows(EOFException.class, client::read);
            }
        }
    }
}
