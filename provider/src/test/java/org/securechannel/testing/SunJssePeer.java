package org.securechannel.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * SunJSSE's SSLEngine in this JVM, joined in memory to one of our security contexts: a peer nobody here
 * wrote, for engine-level interop tests. Every loop is bounded; the pipes hold what each side has written
 * and the other has not read yet.
 */
public final class SunJssePeer {
    public final SSLEngine engine;
    public final SecurityContext ours;
    /** Written by SunJSSE, read by us; and the other way round. Both in read mode between calls. */
    public final ByteBuffer toOurs = ByteBuffer.allocate(256 * 1024).flip();
    public final ByteBuffer toTheirs = ByteBuffer.allocate(256 * 1024).flip();
    private final ByteBuffer theirApp = ByteBuffer.allocate(256 * 1024);
    private boolean started;

    public SunJssePeer(SSLEngine engine, SecurityContext ours) {
        this.engine = engine;
        this.ours = ours;
    }

    /** A SunJSSE context for {@code protocol} with {@code identity} (or none) and trust in {@code anchors}. */
    public static SSLContext context(String protocol, TestPki.Issued identity, X509Certificate... anchors) throws Exception {
        KeyManagerFactory kmf = null;
        if (identity != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("leaf", identity.key(), new char[0], identity.chain().toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, new char[0]);
        }
        TrustManagerFactory tmf = null;
        if (anchors.length > 0) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                ts.setCertificateEntry("ca" + i, anchors[i]);
            }
            tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
        }
        SSLContext ctx = SSLContext.getInstance(protocol, "SunJSSE");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Steps both sides until ours says OK and SunJSSE is no longer handshaking. */
    public SunJssePeer handshake() throws Exception {
        if (!started) {
            started = true;
            engine.beginHandshake();
        }
        boolean oursDone = false;
        for (int i = 0; i < 100; i++) {
            if (!oursDone) {
                oursDone = stepOurs() == Status.OK;
            }
            pumpTheirs();
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (oursDone && (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED) && !toTheirs.hasRemaining()) {
                return this;
            }
        }
        throw new AssertionError("handshake did not complete; SunJSSE is " + engine.getHandshakeStatus());
    }

    /** One step of ours on what SunJSSE wrote. */
    public Status stepOurs() throws SecurityContextException {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        Result r = ours.step(toOurs, out);
        out.flip();
        append(toTheirs, out);
        return r.status();
    }

    /** SunJSSE unwraps what we wrote and wraps whatever it wants to send. */
    public void pumpTheirs() throws Exception {
        if (engine.getUseClientMode() && !started) {
            started = true;
            engine.beginHandshake();
        }
        for (int i = 0; i < 50; i++) {
            boolean progress = false;
            if (toTheirs.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(toTheirs, theirApp);
                runTasks();
                progress |= r.bytesConsumed() > 0;
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(ByteBuffer.allocate(0));
                progress = true;
            }
            if (!progress) {
                return;
            }
        }
    }

    /** SunJSSE wraps {@code data} (and whatever it owes first) into the pipe to us. */
    public void wrap(ByteBuffer data) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 50; i++) {
            SSLEngineResult r = engine.wrap(data, out);
            runTasks();
            if (r.bytesProduced() == 0 && !data.hasRemaining() || r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        }
        out.flip();
        append(toOurs, out);
    }

    /** What SunJSSE decrypted so far, drained. */
    public byte[] theirPlaintext() throws Exception {
        pumpTheirs();
        theirApp.flip();
        byte[] got = new byte[theirApp.remaining()];
        theirApp.get(got);
        theirApp.clear();
        return got;
    }

    /** Decrypts everything in the pipe to us, stepping on RENEGOTIATE; the plaintext. */
    public byte[] ourPlaintext() throws SecurityContextException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000 && toOurs.hasRemaining(); i++) {
            ByteBuffer plain = ByteBuffer.allocate(32 * 1024);
            Result r = ours.decrypt(toOurs, plain);
            got.write(plain.array(), 0, plain.position());
            if (r.status() == Status.RENEGOTIATE) {
                stepOurs();
            } else if (r.status() != Status.OK) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** We encrypt {@code data} into the pipe to SunJSSE. */
    public void encryptOurs(byte[] data) throws SecurityContextException {
        ByteBuffer plain = ByteBuffer.wrap(data);
        for (int i = 0; i < 10_000 && plain.hasRemaining(); i++) {
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            ours.encrypt(plain, out);
            out.flip();
            append(toTheirs, out);
        }
    }

    private void runTasks() {
        for (Runnable t; (t = engine.getDelegatedTask()) != null;) {
            t.run();
        }
    }

    /** Appends to a pipe kept in read mode. */
    private static void append(ByteBuffer pipe, ByteBuffer more) {
        pipe.compact();
        pipe.put(more);
        pipe.flip();
    }
}
