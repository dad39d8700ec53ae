package org.securechannel.interop.matrix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The conversation of every cell: the client sends {@link Scenario#bytes} bytes, the server echoes each byte back,
 * and closes (close_notify) once it has echoed them all; the client then checks it got exactly what it sent. The
 * payload is lines that read the same backwards, so OpenSSL's {@code s_server -rev} (which reverses each line)
 * serves as an echo server too.
 */
final class Echo {
    private static final int CHUNK = 16 * 1024;
    /** How long one connection may take, 10 MiB each way included, before its channel is closed under it. */
    static final long DEADLINE_SECONDS = 10;
    /**
     * Threads for the two sides of a connection and for reading a peer's output. Not the common pool: with two
     * cores it may have one thread, and a client's writer queued behind the server it writes to never runs.
     */
    static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "matrix");
        t.setDaemon(true);
        return t;
    });

    private Echo() {
    }

    /**
     * What a resumption cell's client does between its two connections: in the TLS 1.2 ticket cell, outwait our
     * server's one-second session-ID cache (OurSide.serverContext), so that only the ticket can resume.
     */
    static void betweenConnections(Scenario s) throws InterruptedException {
        if (s.resumption() == Scenario.Resumption.TLS12_TICKET) {
            Thread.sleep(1500);
        }
    }

    /** {@code bytes} of newline-ended palindromic lines of printable characters, from a fixed seed. */
    static byte[] payload(int bytes) {
        byte[] p = new byte[bytes];
        Random r = new Random(bytes);
        int i = 0;
        while (i < bytes) {
            int line = Math.min(bytes - i, 2 + r.nextInt(200));
            int body = line - 1;
            for (int k = 0; k < (body + 1) / 2; k++) {
                byte c = (byte) ('a' + r.nextInt(26));
                p[i + k] = c;
                p[i + body - 1 - k] = c;
            }
            p[i + body] = '\n';
            i += line;
        }
        return p;
    }

    /** The server's part: echoes {@code bytes} bytes (a KeyUpdate halfway if {@code updateKeys}), then closes. */
    static Observed serve(EngineConnection c, Scenario s, boolean updateKeys) throws IOException {
        c.handshake();
        byte[] buf = new byte[CHUNK];
        int echoed = 0;
        boolean updated = !updateKeys;
        while (echoed < s.bytes()) {
            int n = c.read(buf);
            if (n < 0) {
                throw new IOException("the client closed after " + echoed + " of " + s.bytes() + " bytes");
            }
            c.write(buf, 0, n);
            echoed += n;
            if (!updated && echoed >= s.bytes() / 2) {
                c.keyUpdate();
                updated = true;
            }
        }
        Observed seen = Observed.of(c.engine);
        c.closeOutbound();
        c.drain();
        return seen;
    }

    /** The client's part: sends the payload from another thread while reading the echo; true when it matched. */
    static Observed exchange(EngineConnection c, Scenario s, boolean updateKeys, boolean[] echoedExactly) throws Exception {
        c.handshake();
        byte[] payload = payload(s.bytes());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int off = 0; off < payload.length; off += CHUNK) {
                    if (updateKeys && off >= payload.length / 2 && off - CHUNK < payload.length / 2) {
                        c.keyUpdate();
                    }
                    c.write(payload, off, Math.min(CHUNK, payload.length - off));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, THREADS);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK];
        while (got.size() < payload.length) {
            int n = c.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        writer.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        Observed seen = Observed.of(c.engine);
        echoedExactly[0] = Arrays.equals(payload, got.toByteArray());
        if (got.size() < payload.length) {
            throw new IOException("the server closed after echoing " + got.size() + " of " + payload.length + " bytes");
        }
        c.closeOutbound();
        return seen;
    }
}
