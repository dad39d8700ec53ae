package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * The socket's buffers follow what arrives: nothing before the first read, at most a few KiB beyond the
 * bytes that came whatever a record header announces, nothing once the handshake is over with nothing
 * pending, and nothing after close.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketBuffersTest {
    /** SecureChannelSocket.READ_ROOM and MIN_READ_ROOM: how far {@code in} may exceed what arrived. */
    private static final int ROOM = 4096;
    private static TestPki.Issued serverId;
    private static TrustManager[] trust;

    @BeforeAll
    static void pki() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, "server.example");
        trust = EngineLoop.trustManagers(ca.root());
    }

    private static SSLContext ours(TestPki.Issued id) throws Exception {
        return EngineLoop.context(new SecureChannelProvider(), id == null ? null : EngineLoop.keyManagers("PKIX", id), trust);
    }

    /**
     * The capacity of one of the socket's buffers, which its StreamConnection holds: "in" (the peer's bytes),
     * "plain" (decrypted ones) or "out" (the records of writes plus what the driver staged); 0 before the handshake.
     */
    private static int capacity(SSLSocket s, String buffer) throws Exception {
        Object connection = field(SecureChannelSocket.class, "connection").get(s);
        if (connection == null) {
            return 0;
        }
        Class<?> type = connection.getClass();
        switch (buffer) {
            case "in":
                return ((ByteBuffer) field(type, "received").get(connection)).capacity();
            case "plain":
                return ((ByteBuffer) field(type, "plain").get(connection)).capacity();
            default:
                Object driver = field(type, "driver").get(connection);
                ByteBuffer staged = (ByteBuffer) field(driver.getClass(), "outbox").get(driver);
                return ((ByteBuffer) field(type, "records").get(connection)).capacity() + (staged == null ? 0 : staged.capacity());
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(10);
        }
    }

    private static int inCapacity(SSLSocket s) {
        try {
            return capacity(s, "in");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRecordAnnouncing16KiBCostsWhatArrivedPlusTheReadRoom() throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) ours(serverId).getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
             SSLSocket server = (SSLSocket) ss.accept()) {
            assertEquals(0, inCapacity(server), "nothing buffered before the handshake reads");
            assertEquals(0, capacity(server, "out"));
            assertEquals(0, capacity(server, "plain"));
            CompletableFuture<Void> handshake = CompletableFuture.runAsync(() -> {
                try {
                    server.startHandshake();
                } catch (Exception expected) {
                    // the client never completes its hello
                }
            });
            OutputStream out = client.getOutputStream();
            // A handshake record announcing 16,384 bytes, holding a ClientHello header announcing 16,380.
            out.write(new byte[] {22, 3, 1, 0x40, 0x00, 1, 0x00, 0x3F, (byte) 0xFC});
            int sent = 9;
            out.flush();
            await(() -> inCapacity(server) > 0, "the server reads");
            Thread.sleep(100);
            assertTrue(inCapacity(server) <= sent + ROOM, "in holds " + inCapacity(server) + " after " + sent + " bytes");
            byte[] chunk = new byte[1500];
            for (int i = 0; i < 6; i++) {
                out.write(chunk);
                out.flush();
                sent += chunk.length;
                int arrived = sent;
                await(() -> inCapacity(server) >= Math.min(arrived, 16_389), "the server reads on");
                Thread.sleep(50);
                assertTrue(inCapacity(server) <= sent + ROOM, "in holds " + inCapacity(server) + " after " + sent + " bytes");
            }
            client.close();
            handshake.get(10, TimeUnit.SECONDS);
            assertTrue(server.isClosed());
            assertEquals(0, inCapacity(server), "a failed handshake lets its buffers go");
        }
    }

    @Test
    void anEstablishedIdleConnectionHoldsNoHandshakeBuffersAndCloseReleasesTheRest() throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) ours(serverId).getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SSLSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    SSLSocket s = (SSLSocket) ss.accept();
                    s.startHandshake();
                    return s;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            try (SSLSocket client = (SSLSocket) ours(null).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                client.startHandshake();
                SSLSocket server = accepted.get(10, TimeUnit.SECONDS);
                assertEquals(0, capacity(server, "out"), "the flight's buffer went with the handshake");
                assertEquals(0, capacity(client, "out"));
                assertEquals(0, capacity(server, "plain"), "nothing decrypted yet");
                // A small exchange sizes the buffers to small records.
                client.getOutputStream().write(new byte[] {1, 2, 3});
                InputStream in = server.getInputStream();
                assertEquals(1, in.read());
                assertTrue(capacity(server, "plain") <= 1024, "plain " + capacity(server, "plain"));
                assertTrue(capacity(client, "out") <= 1024, "out " + capacity(client, "out"));
                server.close();
                assertEquals(0, capacity(server, "in"));
                assertEquals(0, capacity(server, "plain"));
                assertEquals(0, capacity(server, "out"));
            }
        }
    }
}
