package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.cli.ContextStream;
import org.securechannel.cli.Main;
import org.securechannel.testing.TestPki.KeyType;

/**
 * The half-close every HTTP/1.0 client does: write the request, send close_notify (and FIN), then read the
 * response to the server's close_notify. Servers send tickets right after the handshake (OpenSSL and Node
 * two, SunJSSE one) and SunJSSE here also a KeyUpdate; those arrive while our side has already shut down.
 * Each of our adapters (the engine through the CLI's stream, the CLI itself, SSLSocket, SSLEngine) must
 * finish, bounded in time; they used to spin at 100% CPU on the buffered ticket, ignoring every timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HalfCloseInteropTest extends OpenSslInteropTest {
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";
    private static final int ROUNDS = 3; // the spin hit most runs, not all: repeat each pair a few times
    private static Path nodeScript;
    private static SSLContext ours;

    enum Peer { OPENSSL, NODE, SUNJSSE }

    enum Adapter { ENGINE, CLI, SSL_SOCKET, SSL_ENGINE }

    @BeforeAll
    static void setUp() throws Exception {
        nodeScript = Files.createTempFile("halfclose-server", ".js");
        Files.writeString(nodeScript, String.join("\n",
                "const tls = require('tls'), fs = require('fs');",
                "const server = tls.createServer({key: fs.readFileSync(process.argv[2]), cert: fs.readFileSync(process.argv[3]),",
                "    minVersion: 'TLSv1.3'}, socket => {",
                "  let request = '';",
                "  socket.on('error', () => {});",
                "  socket.on('data', d => {",
                "    request += d;",
                "    if (request.includes('\\r\\n\\r\\n')) socket.end('HTTP/1.0 200 OK\\r\\n\\r\\nhello from node\\n');",
                "  });",
                "});",
                "server.listen(0, '127.0.0.1', () => console.log('ACCEPT 127.0.0.1:' + server.address().port));",
                "setTimeout(() => process.exit(0), 50000).unref();",
                ""));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        ours = SSLContext.getInstance("TLS", new SecureChannelProvider());
        ours.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void removeScript() throws IOException {
        Files.deleteIfExists(nodeScript);
    }

    @ParameterizedTest(name = "{0} against {1}")
    @EnumSource(Adapter.class)
    void againstOpenSsl(Adapter adapter) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            try (OpenSslProcess server = OpenSslProcess.server(concat(serverCertArgs(KeyType.EC_P256),
                    List.of("-tls1_3", "-www", "-naccept", "1")))) {
                String response = halfClose(adapter, server.port());
                assertTrue(response.startsWith("HTTP/1.0 200 ok"), response);
            }
        }
    }

    @ParameterizedTest(name = "{0} against {1}")
    @EnumSource(Adapter.class)
    void againstNode(Adapter adapter) throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            Process node = new ProcessBuilder("node", nodeScript.toString(), keyFile(KeyType.EC_P256).toString(),
                    certFile(KeyType.EC_P256).toString()).redirectErrorStream(true).start();
            try {
                String accept = new String(readLine(node.getInputStream()), StandardCharsets.UTF_8);
                assertTrue(accept.startsWith("ACCEPT 127.0.0.1:"), accept);
                int port = Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());
                assertEquals("HTTP/1.0 200 OK\r\n\r\nhello from node\n", halfClose(adapter, port));
            } finally {
                node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** SunJSSE in this JVM: a ticket after the handshake, then a KeyUpdate once it has read the request. */
    @ParameterizedTest(name = "{0} against {1}")
    @EnumSource(Adapter.class)
    void againstSunJsse(Adapter adapter) throws Exception {
        SSLContext sun = SunJsseEngines.context(SERVER_LEAVES.get(KeyType.EC_P256));
        for (int i = 0; i < ROUNDS; i++) {
            try (SSLServerSocket listener = (SSLServerSocket) sun.getServerSocketFactory().createServerSocket(0, 4,
                    InetAddress.getLoopbackAddress())) {
                listener.setSoTimeout(IO_TIMEOUT_MILLIS * 2);
                Future<Void> served = inBackground(() -> {
                    try (SSLSocket s = (SSLSocket) listener.accept()) {
                        s.setSoTimeout(IO_TIMEOUT_MILLIS);
                        InputStream in = s.getInputStream();
                        ByteArrayOutputStream request = new ByteArrayOutputStream();
                        while (!request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                            int b = in.read();
                            if (b < 0) {
                                throw new IOException("request ended early: " + request);
                            }
                            request.write(b);
                        }
                        s.startHandshake(); // TLS 1.3: a KeyUpdate
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.0 200 OK\r\n\r\nhello from SunJSSE\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                    return null;
                });
                assertEquals("HTTP/1.0 200 OK\r\n\r\nhello from SunJSSE\n", halfClose(adapter, listener.getLocalPort()));
                served.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Connects with {@code adapter}, sends the request, half-closes, and returns everything up to the peer's close. */
    private static String halfClose(Adapter adapter, int port) throws Exception {
        return switch (adapter) {
            case ENGINE -> {
                try (ContextStream stream = connect(port, clientCredentials().build())) {
                    stream.handshake();
                    stream.write(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
                    stream.closeOutbound();
                    yield new String(readToEnd(stream, MIB), StandardCharsets.ISO_8859_1);
                }
            }
            case CLI -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = Main.run(new String[] {"client", "--connect", "127.0.0.1:" + port, "--servername", "localhost",
                        "--cafile", caFile.toString(), "--timeout", "10"},
                        new ByteArrayInputStream(REQUEST.getBytes(StandardCharsets.ISO_8859_1)),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
                assertEquals(0, status, () -> err.toString(StandardCharsets.UTF_8));
                assertTrue(err.toString(StandardCharsets.UTF_8).contains("close_notify received"), () -> err.toString(StandardCharsets.UTF_8));
                yield out.toString(StandardCharsets.ISO_8859_1);
            }
            case SSL_SOCKET -> {
                try (SSLSocket s = (SSLSocket) ours.getSocketFactory().createSocket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), IO_TIMEOUT_MILLIS);
                    s.setSoTimeout(IO_TIMEOUT_MILLIS);
                    s.getOutputStream().write(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
                    s.shutdownOutput();
                    yield new String(s.getInputStream().readNBytes(MIB), StandardCharsets.ISO_8859_1);
                }
            }
            case SSL_ENGINE -> engineHalfClose(port);
        };
    }

    /** Our SSLEngine over a blocking channel, as a plain NIO client would drive it. Every loop is bounded. */
    private static String engineHalfClose(int port) throws Exception {
        SSLEngine engine = ours.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        try (SocketChannel channel = SocketChannel.open()) {
            channel.socket().setSoTimeout(IO_TIMEOUT_MILLIS);
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            ByteBuffer app = ByteBuffer.allocate(MIB);
            ByteBuffer request = ByteBuffer.wrap(REQUEST.getBytes(StandardCharsets.ISO_8859_1));
            engine.beginHandshake();
            for (int calls = 0; ; calls++) {
                assertTrue(calls < 1000, "the SSLEngine loop does not progress");
                if (engine.isInboundDone()) {
                    break;
                }
                HandshakeStatus hs = engine.getHandshakeStatus();
                boolean wantWrap = hs == HandshakeStatus.NEED_WRAP
                        || hs == HandshakeStatus.NOT_HANDSHAKING && !engine.isOutboundDone();
                if (wantWrap) {
                    if (hs == HandshakeStatus.NOT_HANDSHAKING && !request.hasRemaining()) {
                        engine.closeOutbound();
                    }
                    netOut.clear();
                    engine.wrap(request, netOut);
                    netOut.flip();
                    while (netOut.hasRemaining()) {
                        channel.write(netOut);
                    }
                    continue;
                }
                SSLEngineResult r;
                netIn.flip();
                r = engine.unwrap(netIn, app);
                netIn.compact();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || r.bytesConsumed() == 0 && r.bytesProduced() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                    // An unwrap that took nothing must mean: read more. Reading blocks, bounded by SO_TIMEOUT.
                    if (r.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW && netIn.position() > 0) {
                        throw new AssertionError("unwrap consumed nothing of a whole buffered record and asked for unwrap again: " + r);
                    }
                    if (readSome(channel, netIn) < 0) {
                        break;
                    }
                }
            }
            app.flip();
            return StandardCharsets.ISO_8859_1.decode(app).toString();
        }
    }

    /** One blocking read bounded by the socket timeout (a channel ignores SO_TIMEOUT, its socket's stream does not). */
    private static int readSome(SocketChannel channel, ByteBuffer into) throws IOException {
        byte[] buffer = new byte[into.remaining()];
        int n = channel.socket().getInputStream().read(buffer);
        if (n > 0) {
            into.put(buffer, 0, n);
        }
        return n;
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toByteArray();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
