package org.securechannel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * {@code server}: accepts TLS connections until stopped, one thread per connection from a bounded pool, and
 * echoes what it receives, or with {@code --www} answers one HTTP/1.1 request with a page describing the
 * connection ({@link WwwPage}: never h2). Prints "ACCEPT host:port" once listening, one summary line per
 * connection when it ends, and on SIGINT/SIGTERM stops accepting, lets open connections finish for a few
 * seconds and says how many connections it served.
 */
final class ServerCommand implements AutoCloseable {
    /** Server: accept up to BYTES of 0-RTT data per connection (off by default). */
    static final String EARLY_DATA = "--early-data";
    static final Set<String> VALUE_FLAGS = DiagnosticOptions.with(DiagnosticOptions.with(Set.of("--port", "--bind",
            "--alpn", "--client-auth", "--client-ca", "--max-connections", "--timeout", KeyExchangeGroups.FLAG,
            TicketKeysOption.KEYS, TicketKeysOption.KEK, EARLY_DATA), KeyMaterial.VALUE_FLAGS), DiagnosticOptions.VALUE_FLAGS);
    static final Set<String> SWITCHES = DiagnosticOptions.with(Set.of("--www", "--tls1_2", "--tls1_3"),
            DiagnosticOptions.SWITCHES);
    /** How long open connections may go on after SIGINT/SIGTERM before they are closed. */
    private static final long DRAIN_MILLIS = 5_000;

    private final ServerSocket listener;
    private final Credentials credentials;
    private final boolean www;
    private final int timeoutMillis;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final PrintStream err;
    private final AutoCloseable trace;
    private final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopped;

    private ServerCommand(ServerSocket listener, Credentials credentials, boolean www, int maxConnections,
            int timeoutMillis, PrintStream err, AutoCloseable trace) {
        this.trace = trace;
        this.listener = listener;
        this.credentials = credentials;
        this.www = www;
        this.timeoutMillis = timeoutMillis;
        this.err = err;
        // Bounded both ways: at most maxConnections served at once and as many waiting; beyond that, refused.
        this.pool = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxConnections), r -> {
                    Thread t = new Thread(r, "securechannel-connection");
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        try (ServerCommand server = start(argv, out, err)) {
            // SIGINT and SIGTERM run shutdown hooks: drain and report there, since the JVM exits right after.
            Thread onSignal = new Thread(server::shutDownGracefully, "securechannel-server-shutdown");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                return server.serve();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running: it reports
                }
            }
        }
    }

    /** Stops accepting, gives open connections {@link #DRAIN_MILLIS} to finish, closes the rest and reports. */
    void shutDownGracefully() {
        stopped = true;
        closeQuietly(listener);
        pool.shutdown();
        int open = this.open.size();
        try {
            pool.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int cut = this.open.size();
        stop();
        err.println("shutting down: " + served.get() + " connection" + (served.get() == 1 ? "" : "s") + " served"
                + (open == 0 ? "" : ", " + open + " open at the signal, " + cut + " closed unfinished"));
        err.flush();
    }

    /** Connections that ended, well or not, since the server started. */
    int served() {
        return served.get();
    }

    /** Parses the options, builds the credentials, binds and prints the ACCEPT line; {@link #serve} accepts. */
    static ServerCommand start(List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, GeneralSecurityException, IOException {
        Args args = Args.parse(argv, VALUE_FLAGS, SWITCHES);
        int port = args.intValue("--port", -1, 0, 65535);
        if (port < 0) {
            throw new UsageException("missing --port (0 picks a free port)");
        }
        int maxConnections = args.intValue("--max-connections", 64, 1, 10_000);
        int timeoutSeconds = args.intValue("--timeout", 300, 1, 86_400);
        StringBuilder notes = new StringBuilder();
        Credentials credentials = credentials(args, notes);
        InetAddress bind = bindAddress(args.value("--bind", "127.0.0.1"));

        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(bind, port), 128);
        } catch (BindException e) {
            listener.close();
            throw new UsageException("cannot listen on " + bind.getHostAddress() + ":" + port + ": "
                    + PemFiles.oneLine(e) + " (port in use?)");
        }
        out.println("ACCEPT " + bind.getHostAddress() + ":" + listener.getLocalPort());
        out.flush();
        err.print(notes); // only now: a usage error must stay the one line on stderr
        return new ServerCommand(listener, credentials, args.has("--www"), maxConnections,
                timeoutSeconds * 1000, err, DiagnosticOptions.trace(args, err));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Accepts until {@link #stop}; returns 0 then. */
    int serve() throws IOException {
        while (!stopped) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (stopped) {
                    break;
                }
                throw e;
            }
            open.add(socket);
            try {
                pool.execute(() -> handle(socket));
            } catch (RejectedExecutionException e) {
                err.println("too many connections: refusing " + socket.getRemoteSocketAddress());
                closeQuietly(socket);
            }
        }
        return 0;
    }

    /** Stops accepting and ends every open connection. */
    void stop() {
        stopped = true;
        closeQuietly(listener);
        for (Socket s : open) {
            closeQuietly(s);
        }
        pool.shutdownNow();
    }

    @Override
    public void close() {
        stop();
        closeQuietly(trace);
    }

    private void handle(Socket socket) {
        String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        long start = System.nanoTime();
        ConnectionSummary summary = new ConnectionSummary(peer);
        // A copy per connection names the peer in JFR events and the trace; it shares the session cache.
        Credentials mine = credentials.toBuilder().peer(socket.getInetAddress().getHostAddress(), socket.getPort()).build();
        try (ContextStream stream = new ContextStream(SecurityContext.server(mine), socket, mine, null)) {
            socket.setSoTimeout(timeoutMillis);
            stream.handshake();
            summary.established(stream.context());
            err.println("connection from " + peer + ": " + oneLineReport(stream));
            if (www) {
                WwwPage.answer(stream, summary, timeoutMillis);
            } else {
                echo(stream, summary);
            }
        } catch (IOException | RuntimeException e) {
            summary.failed(PemFiles.oneLine(e));
            if (!stopped) {
                err.println("connection from " + peer + " failed: " + PemFiles.oneLine(e)
                        + (www ? WwwPage.whyRefused(e) : ""));
            }
        } finally {
            open.remove(socket);
            served.incrementAndGet();
            err.println(summary.line(java.time.Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static void echo(ContextStream stream, ConnectionSummary summary) throws IOException {
        byte[] early;
        try {
            early = stream.context().takeEarlyData();
        } catch (org.securechannel.context.SecurityContextException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (early.length > 0) {
            // 0-RTT data is echoed like the rest: it came first.
            summary.received(early.length);
            stream.write(early);
            summary.sent(early.length);
        }
        for (byte[] data = stream.read(); data != null; data = stream.read()) {
            summary.received(data.length);
            stream.write(data);
            summary.sent(data.length);
        }
        stream.closeOutbound(); // the client's close_notify came: answer with ours
    }

    private static String oneLineReport(ContextStream stream) {
        return ConnectionReport.describe(stream.context()).trim().replace("\n", "; ");
    }

    private static Credentials credentials(Args args, StringBuilder notes) throws UsageException, GeneralSecurityException {
        Credentials.Builder b = Credentials.server();
        ProtocolVersions.apply(args, b);
        KeyExchangeGroups.apply(args, b);
        DiagnosticOptions.apply(args, b);
        List<KeyMaterial.Pair> pairs = KeyMaterial.read(args);
        if (pairs.isEmpty()) {
            LocalCertificates.Issued generated = LocalCertificates.generate();
            notes.append("no --cert given: using a generated ECDSA P-256 certificate for localhost (issuer ")
                    .append(generated.ca().getSubjectX500Principal().getName()).append(")\n");
            b.certificate(generated.chain(), generated.key());
        } else {
            KeyMaterial.addTo(b, pairs);
        }
        List<String> alpn = args.list("--alpn");
        if (args.has("--www")) {
            alpn = WwwPage.applicationProtocols(alpn, notes);
        }
        if (!alpn.isEmpty()) {
            try {
                b.applicationProtocols(alpn);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--alpn: " + e.getMessage());
            }
        }
        String clientAuth = args.value("--client-auth", "none").toUpperCase(Locale.ROOT);
        try {
            b.clientAuth(Credentials.ClientAuth.valueOf(clientAuth));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--client-auth must be none, optional or required");
        }
        String clientCa = args.value("--client-ca", null);
        if (clientCa != null) {
            b.trustAnchors(PemFiles.certificates(Path.of(clientCa)));
        }
        TicketKeysOption.apply(args, b);
        long early = args.intValue(EARLY_DATA, 0, 0, 1 << 20);
        if (early > 0) {
            b.earlyData(early);
            notes.append("0-RTT: accepting up to ").append(early).append(" bytes of early data per connection, once per"
                    + " ClientHello in this process (a fleet needs a shared replay guard)\n");
        }
        return b.build();
    }

    private static InetAddress bindAddress(String host) throws UsageException {
        InetAddress literal = HostPort.literal(host);
        if (literal == null) {
            throw new UsageException("--bind takes an IP address, not '" + host + "'");
        }
        return literal;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out; nothing useful to report
        }
    }
}
