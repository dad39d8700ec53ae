package org.securechannel.jsse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki;

/**
 * A client that sends a real ClientHello and then floods the server with records each legal once: the
 * compatibility change_cipher_spec (we used to accept a million in a row) or warning alerts. Our
 * SSLServerSocket must end the handshake with an alert after a small bound, not read forever, and not go
 * silent: the client sees the server's flight, then at least one more record (the alert), then the end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostileClientSocketTest {
    private static final String HOST = "server.example";
    /** Far more than any bound we set; the server must stop reading long before. */
    private static final int FLOOD = 100_000;
    private static TestPki pki;
    private static TestPki.Issued serverId;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        pki = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = pki.issue(TestPki.KeyType.EC_P256, HOST);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-client-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "change_cipher_spec, 20, 1, 0, change_cipher_spec",
        "user_canceled,      21, 1, 90, warning alerts",
    })
    void floodAfterClientHelloEndsWithAnAlert(String name, int type, int first, int second, String expectedMessage) throws Exception {
        byte[] record = type == 20 ? new byte[] {20, 3, 3, 0, 1, (byte) first} : new byte[] {21, 3, 3, 0, 2, (byte) first, (byte) second};
        try (SSLServerSocket listener = (SSLServerSocket) SocketTest.ours(serverId, null).getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Future<Throwable> serverSide = pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                raw.setSoTimeout(10_000);
                Future<byte[]> received = pool.submit(() -> readToEnd(raw.getInputStream()));
                OutputStream out = raw.getOutputStream();
                out.write(clientHello());
                out.flush();
                byte[] burst = new byte[record.length * 1000];
                for (int i = 0; i < burst.length; i += record.length) {
                    System.arraycopy(record, 0, burst, i, record.length);
                }
                try {
                    for (int sent = 0; sent < FLOOD; sent += 1000) {
                        out.write(burst);
                    }
                } catch (IOException expected) {
                    // the server closed the connection: exactly what should happen
                }
                byte[] fromServer = received.get(15, TimeUnit.SECONDS);
                List<int[]> records = records(fromServer);
                assertTrue(records.size() >= 2 && records.get(0)[0] == 22, () -> "a ServerHello, then more: " + records.size());
                // The last record is the alert under the server's handshake keys: 2 bytes, the inner type, a 16-byte tag.
                int[] last = records.get(records.size() - 1);
                assertTrue(last[0] == 23 && last[1] == 2 + 1 + 16, () -> "last record: type " + last[0] + ", " + last[1] + " bytes");
            }
            Throwable failure = serverSide.get(15, TimeUnit.SECONDS);
            assertInstanceOf(SSLException.class, failure, () -> "the server's handshake fails: " + failure);
            assertTrue(failure.getMessage().contains(expectedMessage), failure::getMessage);
            assertTrue(failure.getMessage().contains("unexpected_message"), failure::getMessage);
        }
    }

    private static byte[] clientHello() throws Exception {
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).build();
        try (SecurityContext client = SecurityContext.client(c, HOST)) {
            ByteBuffer out = ByteBuffer.allocate(4096);
            client.step(ByteBuffer.allocate(0), out);
            return Arrays.copyOf(out.array(), out.position());
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the alert still ends the stream; what arrived before it counts
        }
        return all.toByteArray();
    }

    /** Each whole record's type and fragment length. */
    private static List<int[]> records(byte[] stream) {
        List<int[]> records = new java.util.ArrayList<>();
        for (int at = 0; at + 5 <= stream.length; ) {
            int length = ((stream[at + 3] & 0xFF) << 8) | (stream[at + 4] & 0xFF);
            if (at + 5 + length > stream.length) {
                break;
            }
            records.add(new int[] {stream[at] & 0xFF, length});
            at += 5 + length;
        }
        return records;
    }
}
