package org.securechannel.interop;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An SSLServerSocket on 127.0.0.1 with an ephemeral port and one thread per accepted connection, which runs
 * {@link Handler} and closes the socket. It counts the threads still serving and keeps what they threw, so a
 * test can check that every connection ended and how. {@link #close} stops accepting, closes every
 * connection and waits for the threads.
 */
final class LoopbackServer implements AutoCloseable {
    /** What a connection thread does with its socket; the socket is closed afterwards in any case. */
    interface Handler {
        void serve(SSLSocket socket) throws IOException;
    }

    /** Every thread of ours carries this prefix, so a test can look for leftovers by name. */
    static final String THREAD_PREFIX = "loopback-server";

    final SSLServerSocket socket;
    private final Handler handler;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    /**
     * What the handlers threw that is not an IOException (those are expected from broken peers and only
     * counted: keeping each would itself grow the heap a test watches).
     */
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger ioExceptions = new AtomicInteger();
    private volatile boolean closing;

    LoopbackServer(SSLContext context, int backlog, Handler handler) throws IOException {
        this.socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, THREAD_PREFIX + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int serving() {
        return serving.get();
    }

    private void acceptLoop() {
        int n = 0;
        while (!closing) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!closing) {
                    unexpected.add(e);
                }
                return;
            }
            open.add(s);
            serving.incrementAndGet();
            accepted.incrementAndGet();
            Thread t = new Thread(() -> serve((SSLSocket) s), THREAD_PREFIX + "-" + n++);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SSLSocket s) {
        try {
            handler.serve(s);
        } catch (IOException e) {
            ioExceptions.incrementAndGet();
        } catch (Throwable e) {
            unexpected.add(e);
        } finally {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
            open.remove(s);
            serving.decrementAndGet();
        }
    }

    /** Waits until no connection thread is left; false if some still run after {@code millis}. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (serving.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return serving.get() == 0;
    }

    /** Handler exceptions that are not IOExceptions (those mean a bug, not a broken peer), and accept failures. */
    List<Throwable> unexpected() {
        return List.copyOf(unexpected);
    }

    /** How many handlers ended with an IOException. */
    int ioExceptions() {
        return ioExceptions.get();
    }

    @Override
    public void close() throws Exception {
        closing = true;
        socket.close();
        acceptor.join(5000);
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (!awaitIdle(10_000)) {
            throw new AssertionError(serving.get() + " connection threads still running after close");
        }
    }

    // ---------------------------------------------------------------- measuring

    /** Heap in use after full collections (the least of a few, to step over a concurrent allocation). */
    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(40);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Live threads whose name starts with {@code prefix}. */
    static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).map(Thread::getName).toList();
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Closes with a TCP reset instead of a FIN. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // closed already
        }
        closeQuietly(s);
    }
}
