package org.securechannel.interop.matrix;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.securechannel.interop.OpenSslProcess;
import org.securechannel.interop.matrix.Scenario.ClientAuth;

/** OpenSSL's command line: {@code s_server -rev} as the echo server (our payload reads the same reversed), {@code s_client -quiet}. */
final class OpenSslPeer extends AbstractPeer {
    OpenSslPeer(String version, BiFunction<Cell, Boolean, String> cannot) {
        super("OpenSSL", version, cannot);
    }




    private static List<String> common(Scenario s) {
        List<String> a = new ArrayList<>(List.of(Scenario.TLS13.equals(s.version()) ? "-tls1_3" : "-tls1_2"));
        if (s.peerGroup() != null) {
            a.addAll(List.of("-groups", InJvmPeers.openSslGroupName(s.peerGroup())));
        }
        return a;
    }

    @Override
    public Server server(Scenario s, MatrixPki pki) throws Exception {
        String id = MatrixPki.serverName(s.serverKey());
        List<String> args = new ArrayList<>(List.of("-cert", pki.cert(id).toString(), "-key", pki.key(id).toString(),
                "-rev", "-naccept", Integer.toString(s.connections())));
        args.addAll(common(s));
        if (!s.serverAlpn().isEmpty()) {
            args.addAll(List.of("-alpn", String.join(",", s.serverAlpn())));
        }
        if (s.clientAuth() != ClientAuth.NONE) {
            args.addAll(List.of("-Verify", "2", "-CAfile", pki.ca("client").toString(), "-verify_return_error"));
        }
        OpenSslProcess p = OpenSslProcess.server(args);
        return new Server() {
            @Override
            public SocketChannel connect() throws java.io.IOException {
                return SocketChannel.open(new InetSocketAddress("127.0.0.1", p.port()));
            }

            @Override
            public Observed observed() {
                return null;
            }

            @Override
            public String log() {
                return p.describe();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    @Override
    public ClientRun client(Scenario s, MatrixPki pki, int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet",
                "-servername", MatrixPki.HOST, "-verify_hostname", MatrixPki.HOST,
                "-CAfile", pki.ca(MatrixPki.serverName(s.serverKey())).toString(), "-verify_return_error"));
        cmd.addAll(common(s));
        if (!s.clientAlpn().isEmpty()) {
            cmd.addAll(List.of("-alpn", String.join(",", s.clientAlpn())));
        }
        if (s.clientAuth() == ClientAuth.REQUIRED) {
            cmd.addAll(List.of("-cert", pki.cert("client").toString(), "-key", pki.key("client").toString()));
        }
        if (s.resumption() == Scenario.Resumption.TLS12_SESSION_ID) {
            cmd.add("-no_ticket");
        }
        if (s.connections() == 1) {
            return ProcessClient.run("openssl", cmd, s);
        }
        // The first run saves its session, the second resumes it.
        java.nio.file.Path session = java.nio.file.Files.createTempFile("matrix-openssl", ".session");
        try {
            List<String> first = new ArrayList<>(cmd);
            first.addAll(List.of("-sess_out", session.toString()));
            ClientRun run = ProcessClient.run("openssl", first, s);
            if (!run.echoed()) {
                return run;
            }
            Echo.betweenConnections(s);
            List<String> second = new ArrayList<>(cmd);
            second.addAll(List.of("-sess_in", session.toString()));
            return ProcessClient.run("openssl", second, s);
        } finally {
            java.nio.file.Files.deleteIfExists(session);
        }
    }
}
