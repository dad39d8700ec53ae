package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.securechannel.cli.ContextStream;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.Issued;
import org.securechannel.testing.TestPki.KeyType;

/**
 * What the OpenSSL interop tests share (no tests of its own): one test CA with a server leaf per key type and a
 * client leaf, as PEM files OpenSSL reads; our side of a connection through the CLI's {@link ContextStream};
 * bounded helpers to read from it and to run work on a helper thread; and parsing of what OpenSSL prints.
 *
 * <p>Every socket read has a timeout ({@link #IO_TIMEOUT}), every wait a deadline; processes, sockets and
 * threads end in {@code finally}/{@code close}.
 */
abstract class OpenSslInteropTest {
    /** Bounded waits for a peer process; generous, since a loaded 2-core machine can take seconds to start one. */
    static final Duration WAIT = Duration.ofSeconds(15);
    static final int IO_TIMEOUT_MILLIS = 5000;
    static final int MIB = 1 << 20;

    static TestPki ca;
    static Path caFile;
    static final Map<KeyType, Issued> SERVER_LEAVES = new EnumMap<>(KeyType.class);
    static final Map<KeyType, Path[]> SERVER_PEMS = new EnumMap<>(KeyType.class);
    static Issued clientLeaf;
    static Path clientCertFile;
    static Path clientKeyFile;
    /** A CA nobody trusts, for the failure cases. */
    static Issued untrustedServer;

    static ExecutorService threads;
    private static Path dir;

    @BeforeAll
    static void makePki() throws IOException {
        dir = Files.createTempDirectory("openssl-interop");
        ca = TestPki.ca(KeyType.EC_P256);
        caFile = TestPki.writePem(dir, "ca.pem", TestPki.pem(ca.root()));
        for (KeyType t : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048, KeyType.ED25519)) {
            Issued leaf = ca.issue(t, o -> o.dnsNames("localhost").subject("CN=localhost,O=server " + t));
            SERVER_LEAVES.put(t, leaf);
            SERVER_PEMS.put(t, new Path[] {
                TestPki.writePem(dir, "server-" + t + ".pem", TestPki.pem(leaf.chain().toArray(new X509Certificate[0]))),
                TestPki.writePem(dir, "server-" + t + ".key", TestPki.pem(leaf.key()))});
        }
        clientLeaf = ca.issue(KeyType.EC_P256, o -> o.subject("CN=interop client,O=SecureChannel")
                .extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        clientCertFile = TestPki.writePem(dir, "client.pem", TestPki.pem(clientLeaf.chain().toArray(new X509Certificate[0])));
        clientKeyFile = TestPki.writePem(dir, "client.key", TestPki.pem(clientLeaf.key()));
        untrustedServer = TestPki.ca(KeyType.EC_P256).issue(KeyType.EC_P256, "localhost");
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openssl-interop-helper");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static Path certFile(KeyType t) {
        return SERVER_PEMS.get(t)[0];
    }

    static Path keyFile(KeyType t) {
        return SERVER_PEMS.get(t)[1];
    }

    /** -cert/-key arguments for an OpenSSL process presenting the server leaf of this key type. */
    static List<String> serverCertArgs(KeyType t) {
        return List.of("-cert", certFile(t).toString(), "-key", keyFile(t).toString());
    }

    /** Client credentials trusting our CA, everything else at the defaults. */
    static Credentials.Builder clientCredentials() {
        return Credentials.client().trustAnchors(List.of(ca.root()));
    }

    /** Server credentials presenting the leaf of this key type, everything else at the defaults. */
    static Credentials.Builder serverCredentials(KeyType t) {
        Issued leaf = SERVER_LEAVES.get(t);
        return Credentials.server().certificate(leaf.chain(), leaf.key());
    }

    /** Our client, connected to 127.0.0.1:port with bounded reads; the handshake has not run yet. */
    static ContextStream connect(int port, Credentials credentials) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), IO_TIMEOUT_MILLIS);
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
            return new ContextStream(SecurityContext.client(credentials, "localhost", port, null), socket, credentials, null);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A listening socket on 127.0.0.1 with an ephemeral port; accept() is bounded too. */
    static ServerSocket listen() throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            ss.setSoTimeout(IO_TIMEOUT_MILLIS * 2);
            return ss;
        } catch (IOException e) {
            ss.close();
            throw e;
        }
    }

    /** Reads until the text has arrived; what was read. Fails if the peer closes first; reads are bounded. */
    static String readUntil(ContextStream stream, String text) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(text)) {
            byte[] data = stream.read();
            if (data == null) {
                fail("peer closed before '" + text + "' arrived; got: " + got.toString(StandardCharsets.ISO_8859_1));
            }
            got.write(data, 0, data.length);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes (fails on close or on more). */
    static byte[] readExactly(ContextStream stream, int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream(n);
        while (got.size() < n) {
            byte[] data = stream.read();
            if (data == null) {
                fail("peer closed after " + got.size() + " of " + n + " bytes");
            }
            got.write(data, 0, data.length);
        }
        assertEquals(n, got.size(), "more bytes than expected");
        return got.toByteArray();
    }

    /** Reads what remains until the peer's close_notify; the bytes before it. */
    static byte[] readToEnd(ContextStream stream, int limit) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (byte[] data = stream.read(); data != null; data = stream.read()) {
            got.write(data, 0, data.length);
            if (got.size() > limit) {
                fail("more than " + limit + " bytes before close_notify");
            }
        }
        return got.toByteArray();
    }

    /**
     * {@code size} bytes of 64-byte lines of decimal digits: none of it can be mistaken for an s_server/s_client
     * command letter (Q, q, P, S, c, k, K, r, R at the start of a read), and -rev reverses it line by line.
     */
    static byte[] digitLines(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (i % 64 == 63) ? (byte) '\n' : (byte) ('0' + (i * 7 + i / 64) % 10);
        }
        b[size - 1] = '\n';
        return b;
    }

    /** What s_server -rev sends back for {@code lines}: each line reversed, newline kept. */
    static byte[] reversedLines(byte[] lines) {
        byte[] r = new byte[lines.length];
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                for (int j = start; j < i; j++) {
                    r[j] = lines[i - 1 - (j - start)];
                }
                r[i] = '\n';
                start = i + 1;
            }
        }
        return r;
    }

    /** What our server learned from one connection. */
    record Served(ConnectionInfo info, List<X509Certificate> peerChain) {
    }

    /**
     * Our server for one connection on {@code listener}, in the background: echoes what it reads until the peer
     * closes, then closes too; what it negotiated.
     */
    static Future<Served> echoOnce(ServerSocket listener, Credentials credentials) {
        return inBackground(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(IO_TIMEOUT_MILLIS);
                try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                    stream.handshake();
                    for (byte[] data = stream.read(); data != null; data = stream.read()) {
                        stream.write(data);
                    }
                    stream.closeOutbound();
                    return new Served(stream.context().connectionInfo(), stream.context().peerCertificates());
                }
            }
        });
    }

    static <T> Future<T> inBackground(Callable<T> work) {
        return threads.submit(work);
    }

    /** The background work's result within the deadline; its failure rethrown as the cause of an AssertionError. */
    static <T> T await(Future<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("background work failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("background work did not finish within " + timeout.toSeconds() + " s");
        }
    }

    /** The first group of the first match of {@code regex} in {@code text}, or fails with the whole text. */
    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail("no match for /" + regex + "/ in:\n" + text);
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Waits for {@code text} in the process output, failing with everything it printed. */
    static void expectOutput(OpenSslProcess p, String text) throws InterruptedException {
        if (!p.awaitOutput(text, WAIT)) {
            fail("'" + text + "' did not appear within " + WAIT.toSeconds() + " s:\n" + p.describe());
        }
    }

    static void expectExit(OpenSslProcess p, int code) throws InterruptedException {
        Integer exit = p.awaitExit(WAIT);
        assertNotNull(exit, () -> "still running after " + WAIT.toSeconds() + " s:\n" + p.describe());
        assertEquals(code, exit.intValue(), p::describe);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
