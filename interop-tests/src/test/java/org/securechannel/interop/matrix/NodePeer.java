package org.securechannel.interop.matrix;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.securechannel.interop.matrix.Scenario.ClientAuth;

/** Node's {@code tls} module, through {@code peer-matrix/node-peer.js} (echo server, or stdin/stdout client). */
final class NodePeer extends AbstractPeer {
    private final Path script;

    NodePeer(Path dir, String version, BiFunction<Cell, Boolean, String> cannot) {
        super("Node", version, cannot);
        this.script = dir.resolve("node-peer.js");
        try (var in = NodePeer.class.getResourceAsStream("/peer-matrix/node-peer.js")) {
            Files.write(script, in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }




    /** The script's configuration, as JSON (no JSON library in the test class path: the values are plain). */
    private static String config(Scenario s, boolean server, MatrixPki pki, int port) {
        return config(s, server, pki, port, null);
    }

    /** @param session the session file a client saves ("out:" prefix) or resumes ("in:"), or null */
    private static String config(Scenario s, boolean server, MatrixPki pki, int port, String session) {
        String id = MatrixPki.serverName(s.serverKey());
        StringBuilder j = new StringBuilder("{\"version\":\"").append(s.version()).append('"');
        j.append(",\"connections\":").append(s.connections());
        if (session != null) {
            j.append(session.startsWith("out:") ? ",\"sessionOut\":\"" : ",\"sessionIn\":\"").append(session.substring(session.indexOf(':') + 1))
                    .append('"');
        }
        j.append(",\"alpn\":[").append((server ? s.serverAlpn() : s.clientAlpn()).stream().map(a -> '"' + a + '"')
                .collect(Collectors.joining(","))).append(']');
        if (s.peerGroup() != null) {
            j.append(",\"groups\":\"").append(InJvmPeers.openSslGroupName(s.peerGroup())).append('"');
        }
        if (server) {
            j.append(",\"cert\":\"").append(pki.cert(id)).append("\",\"key\":\"").append(pki.key(id)).append('"');
            j.append(",\"ca\":\"").append(pki.ca("client")).append('"');
            j.append(",\"requireCert\":").append(s.clientAuth() != ClientAuth.NONE);
        } else {
            if (s.clientAuth() == ClientAuth.REQUIRED) {
                j.append(",\"cert\":\"").append(pki.cert("client")).append("\",\"key\":\"").append(pki.key("client")).append('"');
            }
            j.append(",\"ca\":\"").append(pki.ca(id)).append('"');
            j.append(",\"port\":").append(port).append(",\"servername\":\"").append(MatrixPki.HOST).append('"');
        }
        return j.append('}').toString();
    }

    @Override
    public Server server(Scenario s, MatrixPki pki) throws Exception {
        File err = File.createTempFile("matrix-node", ".log");
        Process p = new ProcessBuilder("node", script.toString(), "server", config(s, true, pki, 0)).redirectError(err).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }, Echo.THREADS).get(Echo.DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("node did not start: " + Files.readString(err.toPath()));
        }
        int port = Integer.parseInt(first.substring(5).trim());
        return new Server() {
            @Override
            public SocketChannel connect() throws java.io.IOException {
                return SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            }

            @Override
            public Observed observed() {
                return null;
            }

            @Override
            public String log() {
                try {
                    p.waitFor(2, TimeUnit.SECONDS);
                    return Files.readString(err.toPath());
                } catch (Exception e) {
                    return e.toString();
                }
            }

            @Override
            public void close() throws java.io.IOException {
                p.destroyForcibly();
                Files.deleteIfExists(err.toPath());
            }
        };
    }

    @Override
    public ClientRun client(Scenario s, MatrixPki pki, int port) throws Exception {
        if (s.connections() == 1) {
            return ProcessClient.run("node", List.of("node", script.toString(), "client", config(s, false, pki, port)), s);
        }
        // The first run saves its session, the second resumes it (as OpenSSL's -sess_out and -sess_in).
        Path session = Files.createTempFile("matrix-node", ".session");
        try {
            ClientRun first = ProcessClient.run("node", List.of("node", script.toString(), "client",
                    config(s, false, pki, port, "out:" + session)), s);
            if (!first.echoed()) {
                return first;
            }
            Echo.betweenConnections(s);
            return ProcessClient.run("node", List.of("node", script.toString(), "client", config(s, false, pki, port, "in:" + session)), s);
        } finally {
            Files.deleteIfExists(session);
        }
    }
}
