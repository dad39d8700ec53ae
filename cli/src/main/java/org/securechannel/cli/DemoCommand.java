package org.securechannel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/**
 * {@code demo}: a client and a server context in one process over loopback TCP, printing every step, the
 * negotiated parameters, one message each way and the close_notify exchange. No files, no arguments.
 */
final class DemoCommand {
    private static final int TIMEOUT_MS = 15_000;
    static final String CLIENT_MESSAGE = "Hello from the client";
    static final String SERVER_MESSAGE = "Hello from the server";

    private DemoCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        if (!argv.isEmpty()) {
            throw new UsageException("demo takes no arguments");
        }
        LocalCertificates.Issued cert = LocalCertificates.generate();
        out.println("Generated a CA and an ECDSA P-256 certificate for localhost: "
                + cert.chain().get(0).getSubjectX500Principal().getName());
        Credentials serverCredentials = Credentials.server().certificate(cert.chain(), cert.key())
                .applicationProtocols("demo/1").build();
        Credentials clientCredentials = Credentials.client().trustAnchors(List.of(cert.ca()))
                .applicationProtocols("demo/1").build();

        ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-server"));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(TIMEOUT_MS);
            out.println("Listening on 127.0.0.1:" + listener.getLocalPort());
            Future<Void> server = serverThread.submit(() -> {
                serve(listener, serverCredentials, out);
                return null;
            });
            runClient(listener.getLocalPort(), clientCredentials, out);
            try {
                server.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            } catch (TimeoutException e) {
                throw new IOException("the demo server did not finish in time");
            }
        } finally {
            serverThread.shutdownNow();
        }
        out.println("Demo finished: handshake, one message each way, close_notify both ways.");
        return 0;
    }

    private static void runClient(int port, Credentials credentials, PrintStream out) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        try (ContextStream client = new ContextStream(SecurityContext.client(credentials, "localhost"), socket,
                credentials, tracer("client", out))) {
            client.handshake();
            print(out, "client", "handshake complete\n" + ConnectionReport.describe(client.context()));
            client.write(CLIENT_MESSAGE.getBytes(StandardCharsets.UTF_8));
            print(out, "client", "sent \"" + CLIENT_MESSAGE + "\"");
            byte[] reply = client.read();
            if (reply == null) {
                throw new IOException("the server closed before replying");
            }
            print(out, "client", "received \"" + new String(reply, StandardCharsets.UTF_8) + "\"");
            print(out, "client", "shutdown(): sending close_notify");
            client.closeOutbound();
            if (client.read() != null) {
                throw new IOException("unexpected data after the reply");
            }
            print(out, "client", "decrypt returned CONTEXT_EXPIRED: the server's close_notify arrived");
        }
    }

    private static void serve(ServerSocket listener, Credentials credentials, PrintStream out) throws Exception {
        Socket socket = listener.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        try (ContextStream server = new ContextStream(SecurityContext.server(credentials), socket, credentials,
                tracer("server", out))) {
            server.handshake();
            print(out, "server", "handshake complete\n" + ConnectionReport.describe(server.context()));
            byte[] request = server.read();
            if (request == null) {
                throw new IOException("the client closed before sending its message");
            }
            print(out, "server", "received \"" + new String(request, StandardCharsets.UTF_8) + "\"");
            server.write(SERVER_MESSAGE.getBytes(StandardCharsets.UTF_8));
            print(out, "server", "sent \"" + SERVER_MESSAGE + "\"");
            if (server.read() != null) {
                throw new IOException("unexpected second message from the client");
            }
            print(out, "server", "decrypt returned CONTEXT_EXPIRED: the client's close_notify arrived");
            print(out, "server", "shutdown(): sending close_notify");
            server.closeOutbound();
        }
    }

    private static ContextStream.Trace tracer(String side, PrintStream out) {
        return (operation, result) -> print(out, side, String.format("%-7s -> %s", operation, result));
    }

    /** Both sides print from their own threads: one lock keeps multi-line blocks together. */
    private static void print(PrintStream out, String side, String text) {
        synchronized (out) {
            for (String line : text.split("\n")) {
                out.printf("[%s] %s%n", side, line);
            }
            out.flush();
        }
    }
}
