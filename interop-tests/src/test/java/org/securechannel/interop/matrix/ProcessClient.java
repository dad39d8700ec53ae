package org.securechannel.interop.matrix;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer's command-line client (openssl s_client, gnutls-cli, node) run as the echo client: the payload goes to
 * its standard input, which stays open until the echo is back (some clients stop reading at end of input), its
 * standard output is the echo. Bounded by {@link Echo#DEADLINE_SECONDS}; the process always ends.
 */
final class ProcessClient {
    private ProcessClient() {
    }

    static Peer.ClientRun run(String name, List<String> command, Scenario s) throws Exception {
        byte[] payload = Echo.payload(s.bytes());
        File err = File.createTempFile("matrix-" + name, ".log");
        Process p = new ProcessBuilder(command).redirectError(err).start();
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readUpTo(p.getInputStream(), payload.length), Echo.THREADS);
            OutputStream in = p.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    in.write(payload);
                    in.flush();
                } catch (IOException ended) {
                    // the client ended early (a refused handshake): its output says why
                }
            }, Echo.THREADS);
            byte[] got;
            try {
                got = out.get(Echo.DEADLINE_SECONDS, TimeUnit.SECONDS);
            } finally {
                writer.cancel(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
            if (!p.waitFor(Echo.DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String log = String.join(" ", command) + "\nexit " + (p.isAlive() ? "(killed)" : p.exitValue()) + ", "
                    + got.length + " bytes back\n" + Files.readString(err.toPath(), StandardCharsets.UTF_8);
            return new Peer.ClientRun(Arrays.equals(payload, got), null, log);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.deleteIfExists(err.toPath());
        }
    }

    /** Reads until {@code limit} bytes or end of stream. */
    private static byte[] readUpTo(InputStream in, int limit) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        try {
            while (got.size() < limit) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
        } catch (IOException ended) {
            // what came is what counts
        }
        return got.toByteArray();
    }
}
