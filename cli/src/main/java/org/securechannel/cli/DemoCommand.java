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
        DemoTranscript transcript = new DemoTranscript(out);
        LocalCertificates.Issued cert = LocalCertificates.generate();
        transcript.note("Generated a CA and an ECDSA P-256 certificate for localhost: "
                + cert.chain().get(0).getSubjectX500Principal().getName());
        Credentials serverCredentials = Credentials.server().certificate(cert.chain(), cert.key())
                .applicationProtocols("demo/1").build();
        Credentials clientCredentials = Credentials.client().trustAnchors(List.of(cert.ca()))
                .applicationProtocols("demo/1").build();

        ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-server"));
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(TIMEOUT_MS);
            transcript.note("Listening on 127.0.0.1:" + listener.getLocalPort());
            Future<Void> server = serverThread.submit(() -> {
                serve(listener, serverCredentials, transcript);
                return null;
            });
            runClient(listener.getLocalPort(), clientCredentials, transcript);
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
        transcript.note("Demo finished: handshake, one message each way, close_notify both ways.");
        return 0;
    }

    private static void runClient(int port, Credentials credentials, DemoTranscript out) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        try (ContextStream client = new ContextStream(SecurityContext.client(credentials, "localhost"), socket,
                credentials, tracer("client", out))) {
            client.handshake();
            out.print("client", "handshake complete\n" + ConnectionReport.describe(client.context()));
            out.send("client", "sending \"" + CLIENT_MESSAGE + "\"",
                    () -> client.write(CLIENT_MESSAGE.getBytes(StandardCharsets.UTF_8)));
            byte[] reply = client.read();
            if (reply == null) {
                throw new IOException("the server closed before replying");
            }
            out.print("client", "received \"" + new String(reply, StandardCharsets.UTF_8) + "\"");
            out.send("client", "shutdown(): sending close_notify", client::closeOutbound);
            if (client.read() != null) {
                throw new IOException("unexpected data after the reply");
            }
            out.print("client", "decrypt returned CONTEXT_EXPIRED: the server's close_notify arrived");
        }
    }

    private static void serve(ServerSocket listener, Credentials credentials, DemoTranscript out) throws Exception {
        Socket socket = listener.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        try (ContextStream server = new ContextStream(SecurityContext.server(credentials), socket, credentials,
                tracer("server", out))) {
            server.handshake();
            out.print("server", "handshake complete\n" + ConnectionReport.describe(server.context()));
            byte[] request = server.read();
            if (request == null) {
                throw new IOException("the client closed before sending its message");
            }
            out.print("server", "received \"" + new String(request, StandardCharsets.UTF_8) + "\"");
            out.send("server", "sending \"" + SERVER_MESSAGE + "\"",
                    () -> server.write(SERVER_MESSAGE.getBytes(StandardCharsets.UTF_8)));
            if (server.read() != null) {
                throw new IOException("unexpected second message from the client");
            }
            out.print("server", "decrypt returned CONTEXT_EXPIRED: the client's close_notify arrived");
            out.send("server", "shutdown(): sending close_notify", server::closeOutbound);
        }
    }

    /**
     * The context's results, printed as the driver gets them: before it writes what a call produced, and after it
     * read what a call consumed, so these lines keep causal order too.
     */
    private static ContextStream.Trace tracer(String side, DemoTranscript out) {
        return (operation, result) -> out.print(side, String.format("%-7s -> %s", operation, result));
    }
}
