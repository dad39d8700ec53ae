package org.securechannel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * {@code client}: connects, sends standard input, then close_notify; prints the reply on standard output and
 * the negotiated parameters on standard error. Exit 0 only when the server was verified and closed cleanly
 * with its own close_notify; 1 for any other outcome; 2 for bad usage. {@code --showcerts} prints the server's
 * chain as PEM on standard output first; {@code --reconnect N} instead connects N more times with the same
 * credentials (so the same session cache) and says of each whether it resumed, as {@code s_client -reconnect}.
 */
final class ClientCommand {
    /** Client: FILE's bytes go as 0-RTT data on the --sess-in session, when its ticket allows. */
    static final String EARLY_DATA = "--early-data";
    static final Set<String> VALUE_FLAGS = DiagnosticOptions.with(DiagnosticOptions.with(Set.of("--connect",
            "--servername", "--cafile", "--alpn", "--timeout", "--reconnect", KeyExchangeGroups.FLAG, SessionFiles.SESS_IN,
            SessionFiles.SESS_OUT, EARLY_DATA),
            KeyMaterial.VALUE_FLAGS), DiagnosticOptions.VALUE_FLAGS);
    static final Set<String> SWITCHES = DiagnosticOptions.with(Set.of("--insecure", "--tls1_2", "--tls1_3", "--showcerts"),
            DiagnosticOptions.SWITCHES);

    private ClientCommand() {
    }

    /** --sess-in, --sess-out and --early-data: what this connection resumes, where its session goes, what it sends early. */
    private record Resumption(org.securechannel.session.ClientSession saved, Path sessionOut, byte[] earlyData) {
        static Resumption of(Args args) throws UsageException {
            String in = args.value(SessionFiles.SESS_IN, null);
            String out = args.value(SessionFiles.SESS_OUT, null);
            String early = args.value(EARLY_DATA, null);
            if (early != null && in == null) {
                throw new UsageException(EARLY_DATA + " needs " + SessionFiles.SESS_IN
                        + " (a session saved with " + SessionFiles.SESS_OUT + " whose ticket allows 0-RTT)");
            }
            byte[] data = null;
            if (early != null) {
                try {
                    data = java.nio.file.Files.readAllBytes(Path.of(early));
                } catch (IOException e) {
                    throw new UsageException(EARLY_DATA + ": cannot read " + early + ": " + PemFiles.oneLine(e));
                }
            }
            return new Resumption(in == null ? null : SessionFiles.read(Path.of(in)), out == null ? null : Path.of(out), data);
        }
    }

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, VALUE_FLAGS, SWITCHES);
        HostPort target = HostPort.parse(args.required("--connect"));
        String serverName = args.value("--servername", target.host());
        int timeoutMillis = args.intValue("--timeout", 60, 1, 86_400) * 1000;
        boolean insecure = args.has("--insecure");
        int reconnect = args.intValue("--reconnect", 0, 0, 100);
        Resumption resumption = Resumption.of(args);
        if (reconnect > 0 && (resumption.saved() != null || resumption.sessionOut() != null)) {
            throw new UsageException("--reconnect keeps its own sessions: not with " + SessionFiles.SESS_IN + " or " + SessionFiles.SESS_OUT);
        }
        Credentials credentials = credentials(args, insecure);
        org.securechannel.session.BoundedClientSessionStore sessions = null;
        if (resumption.sessionOut() != null) {
            sessions = new org.securechannel.session.BoundedClientSessionStore(8, java.time.Duration.ofDays(7));
            credentials = credentials.toBuilder().clientSessionStore(sessions).build();
        }
        try (AutoCloseable trace = DiagnosticOptions.trace(args, err)) {
            if (reconnect > 0) {
                return Reconnects.run(target, serverName, credentials, reconnect, timeoutMillis, args.has("--showcerts"),
                        out, err);
            }
            int status = connectOnce(target, serverName, credentials, resumption, timeoutMillis, insecure,
                    args.has("--showcerts"), stdin, out, err);
            if (sessions != null) {
                saveSession(sessions, new org.securechannel.session.ClientSessionStore.Peer(serverName, target.port(), serverName),
                        resumption.sessionOut(), err);
            }
            return status;
        }
    }

    /** --sess-out: the newest session the server gave, or a note that it gave none (a server without tickets). */
    private static void saveSession(org.securechannel.session.BoundedClientSessionStore sessions,
            org.securechannel.session.ClientSessionStore.Peer peer, Path file, PrintStream err) throws IOException {
        java.util.Optional<org.securechannel.session.ClientSession> newest = sessions.take(peer);
        if (newest.isEmpty()) {
            err.println("Session: none to save (the server sent no ticket)");
            return;
        }
        SessionFiles.write(file, newest.get());
        err.println("Session: saved to " + file);
    }

    private static int connectOnce(HostPort target, String serverName, Credentials credentials, Resumption resumption,
            int timeoutMillis, boolean insecure, boolean showCerts, InputStream stdin, PrintStream out, PrintStream err)
            throws Exception {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            socket.close();
            err.println("cannot connect to " + target.host() + ":" + target.port() + ": " + PemFiles.oneLine(e));
            return 1;
        }
        try (ContextStream stream = new ContextStream(SecurityContext.client(credentials, serverName, target.port(),
                resumption.saved()), socket, credentials, null)) {
            if (resumption.earlyData() != null) {
                stream.context().offerEarlyData(resumption.earlyData());
            }
            try {
                stream.handshake();
            } catch (IOException e) {
                err.println("handshake failed: " + PemFiles.oneLine(e));
                return 1;
            }
            if (showCerts) {
                out.print(CertificatePem.chain(stream.context().peerCertificates()));
                out.flush();
            }
            err.print(ConnectionReport.describe(stream.context()));
            err.println(insecure ? "Verification: skipped (--insecure)" : "Verification: OK");
            if (resumption.earlyData() != null && stream.context().earlyDataStatus() != org.securechannel.session.EarlyDataStatus.ACCEPTED) {
                // The engine resends nothing on its own; for this tool the data is the request, so it goes now.
                stream.write(resumption.earlyData());
                err.println("Early data: sent after the handshake instead");
            }
            err.flush();
            return exchange(stream, stdin, out, err, timeoutMillis) && !insecure ? 0 : 1;
        }
    }

    /**
     * Sends stdin on a helper thread while this one prints the replies, so a peer that echoes a large input
     * cannot deadlock us; true when the peer's close_notify arrived and nothing failed.
     */
    private static boolean exchange(ContextStream stream, InputStream stdin, PrintStream out, PrintStream err,
            int timeoutMillis) throws InterruptedException {
        AtomicReference<IOException> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n = stdin.read(buffer); n >= 0; n = stdin.read(buffer)) {
                    if (n > 0) {
                        stream.write(buffer, 0, n);
                    }
                }
                stream.closeOutbound();
            } catch (IOException e) {
                sendFailure.set(e);
            }
        }, "securechannel-client-stdin");
        sender.setDaemon(true); // a terminal's stdin may never end; it must not keep the JVM alive
        sender.start();

        boolean clean;
        try {
            for (byte[] data = stream.read(); data != null; data = stream.read()) {
                out.write(data, 0, data.length);
                out.flush();
            }
            // RFC 8446 §6.1: answer the peer's close_notify at once, not when our standard input ends.
            stream.closeOutbound();
            clean = true;
        } catch (IOException e) {
            err.println("connection failed: " + PemFiles.oneLine(e));
            clean = false;
        }
        // A server may close first (e.g. --www); after its close_notify our pending input no longer matters.
        sender.join(clean ? Math.min(timeoutMillis, 2000) : 1);
        IOException failed = sendFailure.get();
        if (failed != null && !stream.peerClosed()) {
            err.println("sending failed: " + PemFiles.oneLine(failed));
            return false;
        }
        if (clean) {
            err.println("Closed: close_notify received");
        }
        return clean;
    }

    private static Credentials credentials(Args args, boolean insecure) throws UsageException {
        Credentials.Builder b = Credentials.client();
        ProtocolVersions.apply(args, b);
        KeyExchangeGroups.apply(args, b);
        DiagnosticOptions.apply(args, b);
        String caFile = args.value("--cafile", null);
        if (caFile != null && insecure) {
            throw new UsageException("--cafile and --insecure exclude each other");
        }
        if (caFile != null) {
            b.trustAnchors(PemFiles.certificates(Path.of(caFile)));
        }
        if (insecure) {
            b.manualCredentialValidation(true);
        }
        List<KeyMaterial.Pair> pairs = KeyMaterial.read(args);
        if (pairs.size() > 1) {
            throw new UsageException("a client takes one certificate and key (--cert/--key, or a --pkcs12 with one key "
                    + "entry), not " + pairs.size());
        }
        KeyMaterial.addTo(b, pairs);
        List<String> alpn = args.list("--alpn");
        if (!alpn.isEmpty()) {
            try {
                b.applicationProtocols(alpn);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--alpn: " + e.getMessage());
            }
        }
        return b.build();
    }
}
