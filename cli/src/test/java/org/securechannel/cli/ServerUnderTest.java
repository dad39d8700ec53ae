package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The server command running in this JVM on 127.0.0.1 and a free port, its standard error kept for assertions. */
final class ServerUnderTest implements AutoCloseable {
    final ServerCommand server;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> done;

    ServerUnderTest(List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server = ServerCommand.start(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ACCEPT 127.0.0.1:" + server.port()));
        done = CompletableFuture.supplyAsync(() -> {
            try {
                return server.serve();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    int port() {
        return server.port();
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
        done.get(10, TimeUnit.SECONDS);
    }
}
