package org.securechannel.interop.matrix;

import java.io.File;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.securechannel.interop.matrix.Scenario.ClientAuth;

/**
 * GnuTLS: {@code gnutls-cli} as the client; {@code gnutls-serv --echo} as the server. gnutls-serv listens on every
 * address, so it runs in a network namespace of its own with nothing but loopback ({@code unshare -n}, as root, which
 * CI is), and our client reaches it through a Unix socket that a small Node relay inside the namespace forwards to
 * its loopback port: no address outside this machine is ever listened on.
 */
final class GnuTlsPeer extends AbstractPeer {
    private static final int PORT_IN_NAMESPACE = 44_433;
    private final Path dir;

    GnuTlsPeer(Path dir, String version, BiFunction<Cell, Boolean, String> cannot) {
        super("GnuTLS", version, cannot);
        this.dir = dir;
    }




    /** A priority string with only the scenario's version (and group, when the peer must be limited to one). */
    private static String priority(Scenario s) {
        String p = "NORMAL:-VERS-ALL:+VERS-" + (s.tls13() ? "TLS1.3" : "TLS1.2");
        if (s.peerGroup() != null) {
            p += ":-GROUP-ALL:+GROUP-" + s.peerGroup().ianaName().toUpperCase(java.util.Locale.ROOT);
        }
        return p;
    }

    @Override
    public Server server(Scenario s, MatrixPki pki) throws Exception {
        String id = MatrixPki.serverName(s.serverKey());
        Path socket = Files.createTempFile(dir, "gnutls", ".sock");
        Files.delete(socket);
        Path log = Files.createTempFile(dir, "gnutls-serv", ".log");
        List<String> serv = new ArrayList<>(List.of("gnutls-serv", "--echo", "-p", Integer.toString(PORT_IN_NAMESPACE),
                "--x509certfile", pki.cert(id).toString(), "--x509keyfile", pki.key(id).toString(), "--priority", "'" + priority(s) + "'"));
        s.serverAlpn().forEach(a -> serv.addAll(List.of("--alpn", a)));
        if (!s.serverAlpn().isEmpty()) {
            serv.add("--alpn-fatal");
        }
        if (s.clientAuth() != ClientAuth.NONE) {
            serv.addAll(List.of("--require-client-cert", "--x509cafile", pki.ca("client").toString()));
        }
        String relay = "const net=require('net');net.createServer(c=>{const t=net.connect(" + PORT_IN_NAMESPACE
                + ",'127.0.0.1');c.pipe(t);t.pipe(c);c.on('error',()=>t.destroy());t.on('error',()=>c.destroy());})"
                + ".listen(process.argv[1])";
        String script = String.join("\n",
                "ip link set lo up",
                String.join(" ", serv) + " >>'" + log + "' 2>&1 &",
                "for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/" + PORT_IN_NAMESPACE + ") 2>/dev/null && break; sleep 0.1; done",
                "exec node -e \"" + relay + "\" '" + socket + "'");
        Process p = new ProcessBuilder("unshare", "-n", "bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        for (int i = 0; i < 200 && !Files.exists(socket) && p.isAlive(); i++) {
            Thread.sleep(50);
        }
        if (!Files.exists(socket)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("gnutls-serv did not start in its namespace: " + Files.readString(log));
        }
        return new Server() {
            @Override
            public SocketChannel connect() throws java.io.IOException {
                // Node creates the socket file when it binds and accepts once it listens, a moment later: a refusal
                // in that moment is retried (seen once in a full matrix run).
                for (int i = 0; ; i++) {
                    try {
                        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
                    } catch (java.net.ConnectException notListeningYet) {
                        if (i >= 20) {
                            throw notListeningYet;
                        }
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw notListeningYet;
                        }
                    }
                }
            }

            @Override
            public Observed observed() {
                return null;
            }

            @Override
            public String log() {
                try {
                    return String.join(" ", serv) + "\n" + Files.readString(log);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }

            @Override
            public void close() throws java.io.IOException {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                Files.deleteIfExists(socket);
            }
        };
    }

    @Override
    public ClientRun client(Scenario s, MatrixPki pki, int port) throws Exception {
        File logfile = Files.createTempFile(dir, "gnutls-cli", ".log").toFile();
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "--logfile", logfile.toString(),
                "--x509cafile", pki.ca(MatrixPki.serverName(s.serverKey())).toString(),
                "--sni-hostname", MatrixPki.HOST, "--verify-hostname", MatrixPki.HOST, "-p", Integer.toString(port),
                "--priority", priority(s)));
        s.clientAlpn().forEach(a -> cmd.addAll(List.of("--alpn", a)));
        if (s.clientAuth() == ClientAuth.REQUIRED) {
            cmd.addAll(List.of("--x509certfile", pki.cert("client").toString(), "--x509keyfile", pki.key("client").toString()));
        }
        cmd.add("127.0.0.1");
        ClientRun run = ProcessClient.run("gnutls-cli", cmd, s);
        return new ClientRun(run.echoed(), null, run.log() + Files.readString(logfile.toPath()));
    }
}
