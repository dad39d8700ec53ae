package org.securechannel.interop.matrix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer matrix (issue 15), generated from one table: {@link #PEERS} (one line per peer, with the cells it
 * cannot play and why) × {@link Cell} × direction. A cell a peer cannot play is reported as skipped with the
 * reason; a cell that fails is a failure. The outcome of each cell is also written to
 * {@code target/peer-matrix.md}, the table the README shows.
 */
class PeerMatrixTest {
    @TempDir
    static Path dir;
    private static MatrixPki pki;
    private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();

    /** The table, one line per peer: how to reach it and the cells it cannot play (see {@link PeerLimits}). */
    private static List<Peer> table(Path dir) {
        String openssl = Tools.firstLine("openssl", "version");
        String node = Tools.firstLine("node", "--version");
        String gnutls = Tools.firstLine("gnutls-cli", "--version");
        boolean namespaces = Tools.canUnshareNetwork();
        return List.of(
                openssl == null ? new MissingPeer("OpenSSL", Tools.missing("openssl"))
                        : new OpenSslPeer(openssl, PeerLimits::openSsl),
                InJvmPeers.sunJsse(PeerLimits::sunJsse),
                node == null ? new MissingPeer("Node", Tools.missing("node"))
                        : new NodePeer(dir, "Node " + node + ", tls module", PeerLimits::node),
                gnutls == null ? new MissingPeer("GnuTLS", Tools.missing("gnutls-cli (Debian's gnutls-bin)"))
                        : new GnuTlsPeer(dir, gnutls, (cell, server) -> server && !namespaces
                                ? Tools.missing("a network namespace for gnutls-serv (unshare -n)")
                                : PeerLimits.gnuTls(cell, server)),
                InJvmPeers.bcJsse(PeerLimits::bcJsse),
                InJvmPeers.conscrypt(PeerLimits::conscrypt),
                InJvmPeers.boringSsl(PeerLimits::boringSsl));
    }

    static List<Peer> PEERS = List.of();
    /** Every stage of a cell has its own deadline; this bounds the whole cell, whatever hangs. */
    private static final java.time.Duration CELL_LIMIT = java.time.Duration.ofSeconds(4 * Echo.DEADLINE_SECONDS);

    @BeforeAll
    static void certificatesAndPeers() throws Exception {
        pki = new MatrixPki(dir);
        PEERS = table(dir);
    }

    /**
     * {@code -Dmatrix.peers=BCJSSE,OpenSSL} runs only those rows and {@code -Dmatrix.cells=TLS13,SNI} only those
     * columns, while working on one of them.
     */
    @TestFactory
    Stream<DynamicNode> matrix() {
        List<String> peers = List.of(System.getProperty("matrix.peers", "").split(","));
        List<String> cells = List.of(System.getProperty("matrix.cells", "").split(","));
        return PEERS.stream().filter(p -> peers.contains("") || peers.contains(p.name())).map(peer -> DynamicContainer.dynamicContainer(peer.name() + " (" + peer.version() + ")",
                Stream.of(Cell.values()).filter(c -> cells.contains("") || cells.contains(c.name())).flatMap(cell -> Stream.of(true, false).map(ourServer ->
                        DynamicTest.dynamicTest(cell + (ourServer ? " | " + peer.name() + " client -> our server"
                                : " | our client -> " + peer.name() + " server"), () -> org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(CELL_LIMIT, () -> runCell(peer, cell, ourServer)))))));
    }

    private static void runCell(Peer peer, Cell cell, boolean ourServer) throws Exception {
        String key = peer.name() + "|" + cell + "|" + (ourServer ? "server" : "client");
        String why = peer.cannot(cell, !ourServer);
        if (why != null && why.startsWith(PeerLimits.DEFECT)) {
            runKnownDefect(peer, cell, ourServer, key, why);
            return;
        }
        if (why != null) {
            RESULTS.put(key, "n/a: " + why);
            Assumptions.abort(peer.name() + " cannot: " + why);
        }
        RESULTS.put(key, "FAIL");
        Run r = ourServer ? ourServer(peer, cell.scenario(true)) : ourClient(peer, cell.scenario(false));
        try {
            cell.check(r, ourServer);
        } catch (AssertionError e) {
            throw new AssertionError(key + ": " + e.getMessage(), e);
        }
        RESULTS.put(key, "ok");
    }

    /**
     * A cell marked with a defect still runs, and must still fail: when it passes, the mark is stale and this
     * fails so that it is taken away. The report shows the defect as the reason the cell was not counted.
     */
    private static void runKnownDefect(Peer peer, Cell cell, boolean ourServer, String key, String defect) throws Exception {
        Run r = ourServer ? ourServer(peer, cell.scenario(true)) : ourClient(peer, cell.scenario(false));
        try {
            cell.check(r, ourServer);
        } catch (AssertionError expected) {
            RESULTS.put(key, "defect: " + defect.substring(PeerLimits.DEFECT.length()));
            Assumptions.abort(key + " " + defect + "; it failed as marked: " + expected.getMessage().lines().findFirst().orElse(""));
        }
        throw new AssertionError(key + " passed, but is marked '" + defect + "': remove the mark in PeerLimits");
    }

    /** Our client against the peer's server: one connection, or two from one context when the second resumes. */
    private static Run ourClient(Peer peer, Scenario s) throws Exception {
        try (Peer.Server server = peer.server(s, pki)) {
            javax.net.ssl.SSLContext ctx = OurSide.clientContext(s, pki);
            boolean[] echoed = new boolean[1];
            Observed first = null;
            Observed ours = null;
            Exception failure = null;
            for (int i = 0; i < s.connections() && failure == null; i++) {
                if (i > 0) {
                    first = ours;
                    Echo.betweenConnections(s);
                }
                try (EngineConnection c = new EngineConnection(OurSide.client(ctx, s), server.connect(), Echo.DEADLINE_SECONDS)) {
                    ours = Echo.exchange(c, s, s.keyUpdate(), echoed);
                } catch (Exception e) {
                    failure = e;
                    ours = null;
                }
            }
            Observed peerSaw = null;
            try {
                peerSaw = failure == null ? server.observed() : null;
            } catch (ExecutionException e) {
                // the peer's failure is in its log
            }
            return new Run(ours, failure, echoed[0], peerSaw, server.log(), first);
        }
    }

    /** The peer's client against our server; a resumption cell's peer connects twice, to one server context. */
    private static Run ourServer(Peer peer, Scenario s) throws Exception {
        javax.net.ssl.SSLContext ctx = OurSide.serverContext(s, pki);
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture<List<Observed>> served = CompletableFuture.supplyAsync(() -> {
                List<Observed> seen = new ArrayList<>();
                for (int i = 0; i < s.connections(); i++) {
                    try (SocketChannel ch = listener.accept();
                            EngineConnection c = new EngineConnection(OurSide.server(ctx, s), ch, Echo.DEADLINE_SECONDS)) {
                        seen.add(Echo.serve(c, s, s.keyUpdate()));
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }
                return seen;
            }, Echo.THREADS);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            Peer.ClientRun run = peer.client(s, pki, port);
            List<Observed> ours = null;
            Exception failure = null;
            try {
                ours = served.get(s.connections() * (Echo.DEADLINE_SECONDS + 5), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            } catch (java.util.concurrent.TimeoutException e) {
                failure = e;
            }
            return new Run(ours == null ? null : ours.get(ours.size() - 1), failure, run.echoed(), run.observed(), run.log(),
                    ours == null || ours.size() < 2 ? null : ours.get(0));
        }
    }

    /**
     * The README's table: one row per cell, one column per peer; "ok" or the mark for our server, then for our
     * client. Reasons and defects follow as numbered notes.
     */
    @AfterAll
    static void writeTable() throws IOException {
        StringBuilder md = new StringBuilder("| cell (our server / our client) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Peer p : PEERS) {
            md.append(' ').append(p.name()).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        List<String> notes = new ArrayList<>();
        for (Cell c : Cell.values()) {
            md.append("| ").append(c.description).append(" |");
            for (Peer p : PEERS) {
                md.append(' ').append(mark(p, c, "server", notes)).append(" / ").append(mark(p, c, "client", notes)).append(" |");
            }
            md.append('\n');
        }
        md.append("\nVersions: ");
        md.append(String.join("; ", PEERS.stream().map(p -> p.name() + " " + p.version()).toList())).append(".\n\n");
        for (int i = 0; i < notes.size(); i++) {
            md.append(i + 1).append(". ").append(notes.get(i)).append('\n');
        }
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("peer-matrix.md"), md.toString());
    }

    /** "ok", "FAIL", or a numbered note: n/a (the peer cannot) or defect (ours or theirs, still checked). */
    private static String mark(Peer p, Cell c, String side, List<String> notes) {
        String r = RESULTS.getOrDefault(p.name() + "|" + c + "|" + side, "not run");
        int colon = r.indexOf(": ");
        if (colon < 0) {
            return r;
        }
        String note = r.substring(colon + 2);
        if (!notes.contains(note)) {
            notes.add(note);
        }
        return r.substring(0, colon) + " (" + (notes.indexOf(note) + 1) + ")";
    }
}
