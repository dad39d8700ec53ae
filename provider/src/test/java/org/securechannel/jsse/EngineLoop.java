package org.securechannel.jsse;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.securechannel.testing.TestPki;

/**
 * Drives two SSLEngines against each other in memory, the way applications do: wrap while NEED_WRAP,
 * unwrap while NEED_UNWRAP, grow buffers on OVERFLOW, read more on UNDERFLOW. Bounded: a loop that makes no
 * progress fails instead of spinning. Shared with interop-tests (any provider's engines).
 */
public final class EngineLoop {
    public final SSLEngine client;
    public final SSLEngine server;
    /** Bytes in flight: client to server and server to client (write mode). */
    public ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
    public ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
    public int clientFinished;
    public int serverFinished;
    public final List<String> log = new ArrayList<>();
    /** How many bytes of the peer's output each unwrap may see at once (Integer.MAX_VALUE: all). */
    public int deliverAtMost = Integer.MAX_VALUE;
    private int clientArrived;
    private int serverArrived;

    public EngineLoop(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    public static final char[] PASSWORD = "changeit".toCharArray();

    public static KeyManager[] keyManagers(String algorithm, TestPki.Issued... identities) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (TestPki.Issued id : identities) {
            ks.setKeyEntry("key" + i++, id.key(), PASSWORD, id.chain().toArray(new X509Certificate[0]));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(algorithm);
        kmf.init(ks, PASSWORD);
        return kmf.getKeyManagers();
    }

    public static TrustManager[] trustManagers(X509Certificate... roots) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate root : roots) {
            ks.setCertificateEntry("root" + i++, root);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    public static SSLContext context(Provider provider, KeyManager[] km, TrustManager[] tm) throws Exception {
        SSLContext c = SSLContext.getInstance("TLSv1.3", provider);
        c.init(km, tm, null);
        return c;
    }

    /** Runs the handshake to completion on both sides (FINISHED seen by each, nothing left to wrap). */
    public EngineLoop handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        int rounds = deliverAtMost < 100 ? 100_000 : 200;
        for (int i = 0; i < rounds; i++) {
            boolean progress = step(client, toServer, toClient, true) | step(server, toClient, toServer, false);
            if (clientFinished > 0 && serverFinished > 0 && idle(client) && idle(server) && toServer.position() == 0
                    && toClient.position() == 0) {
                return this;
            }
            if (!progress) {
                throw new AssertionError("handshake made no progress: " + log);
            }
        }
        throw new AssertionError("handshake did not finish: " + log);
    }

    /** A TLS 1.2-only client engine for {@code host}:443 (a peer the session caches key by). */
    static SSLEngine tls12Client(javax.net.ssl.SSLContext c, String host) {
        SSLEngine e = c.createSSLEngine(host, 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        return e;
    }

    /** A TLS 1.2-only server engine. */
    static SSLEngine tls12Server(javax.net.ssl.SSLContext c) {
        SSLEngine e = c.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        return e;
    }

    /** Whether our engine's handshake resumed a session. */
    static boolean resumed(SSLEngine ours) throws Exception {
        return org.securechannel.jca.SecurityContextKey.of(ours).context().connectionInfo().resumed();
    }

    private static boolean idle(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One round for one side: everything it wants to wrap, then one unwrap of what it has received. */
    public boolean step(SSLEngine engine, ByteBuffer out, ByteBuffer in, boolean isClient) throws SSLException {
        boolean progress = runTasks(engine);
        String name = isClient ? "client" : "server";
        for (int i = 0; i < 20 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
            SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
            record(name + " wrap", r, isClient);
            progress |= r.bytesProduced() > 0 || r.getHandshakeStatus() == HandshakeStatus.FINISHED;
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        // Bytes "arrive" deliverAtMost at a time; what arrived stays available until it is consumed.
        int arrived = (int) Math.min(in.position(), (long) (isClient ? clientArrived : serverArrived) + deliverAtMost);
        progress |= arrived > (isClient ? clientArrived : serverArrived);
        while (arrived > 0 && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP && !engine.isInboundDone()) {
            in.flip();
            ByteBuffer view = in.duplicate();
            view.limit(arrived);
            SSLEngineResult r = engine.unwrap(view, ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()));
            in.position(view.position());
            in.compact();
            arrived -= r.bytesConsumed();
            record(name + " unwrap", r, isClient);
            progress |= r.bytesConsumed() > 0 || r.getHandshakeStatus() == HandshakeStatus.FINISHED;
            progress |= runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        progress |= runTasks(engine);
        if (isClient) {
            clientArrived = arrived;
        } else {
            serverArrived = arrived;
        }
        return progress;
    }

    /** SunJSSE delegates work (NEED_TASK); SecureChannel never does. */
    private static boolean runTasks(SSLEngine engine) {
        boolean ran = false;
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
            ran = true;
        }
        return ran;
    }

    private void record(String what, SSLEngineResult r, boolean isClient) {
        log.add(what + ": " + r.getStatus() + "/" + r.getHandshakeStatus() + " " + r.bytesConsumed() + "->" + r.bytesProduced());
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            if (isClient) {
                clientFinished++;
            } else {
                serverFinished++;
            }
        }
    }

    /** Sends {@code data} from one engine and returns what the other one unwrapped. */
    public byte[] send(SSLEngine from, byte[] data) throws SSLException {
        SSLEngine to = from == client ? server : client;
        // Room for a whole packet beyond the data: SunJSSE wants getPacketBufferSize() free for every wrap.
        ByteBuffer wire = ByteBuffer.allocate(data.length + 64 * (data.length / 16384 + 1) + from.getSession().getPacketBufferSize());
        ByteBuffer src = ByteBuffer.wrap(data);
        for (int i = 0; src.hasRemaining(); i++) {
            SSLEngineResult r = from.wrap(src, wire);
            if (r.getStatus() != SSLEngineResult.Status.OK || i > 1000) {
                throw new AssertionError("wrap: " + r);
            }
        }
        wire.flip();
        ByteBuffer received = ByteBuffer.allocate(data.length + to.getSession().getApplicationBufferSize());
        for (int i = 0; wire.hasRemaining(); i++) {
            SSLEngineResult r = to.unwrap(wire, received);
            if (r.getStatus() != SSLEngineResult.Status.OK || i > 1000) {
                throw new AssertionError("unwrap: " + r);
            }
        }
        byte[] out = new byte[received.position()];
        received.flip().get(out);
        return out;
    }
}
