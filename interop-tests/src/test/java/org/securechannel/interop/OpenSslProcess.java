package org.securechannel.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_server} / {@code s_client} as a child process on 127.0.0.1: a peer nobody here wrote.
 * Output is captured on background threads into bounded buffers; every wait has a deadline; {@link #close}
 * always ends the process (politely, then forcibly).
 *
 * <p>Interactive commands: a line "k" sent to s_server or s_client (without -quiet/-nocommands) makes it send
 * a KeyUpdate; "K" also asks the peer to update; "Q" ends the connection.
 */
public final class OpenSslProcess implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT\\s+\\S*:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CAPTURE = 1 << 20;

    private final Process process;
    private final Capture stdout;
    private final Capture stderr;
    private final OutputStream stdin;
    private final List<String> command;
    private int port = -1;

    private OpenSslProcess(List<String> command) throws IOException {
        this.command = List.copyOf(command);
        this.process = new ProcessBuilder(command).start();
        this.stdout = new Capture(process.getInputStream(), "openssl-stdout");
        this.stderr = new Capture(process.getErrorStream(), "openssl-stderr");
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@code openssl s_server -accept 127.0.0.1:0 <args>} and waits (10 s at most) for its ACCEPT line.
     * Typical args: {@code -cert c.pem -key k.pem -tls1_3 -groups X25519 -ciphersuites ... -alpn h2 -www}.
     */
    public static OpenSslProcess server(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0"));
        cmd.addAll(args);
        OpenSslProcess p = new OpenSslProcess(cmd);
        try {
            String line = p.stdout.await(ACCEPT, START_TIMEOUT);
            if (line == null) {
                throw new IOException("openssl s_server did not report ACCEPT within " + START_TIMEOUT.toSeconds()
                        + " s: " + p.describe());
            }
            Matcher m = ACCEPT.matcher(line);
            m.find();
            p.port = Integer.parseInt(m.group(1));
            return p;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * Starts {@code openssl s_client -connect 127.0.0.1:PORT <args>}. Typical args: {@code -servername localhost
     * -CAfile ca.pem -verify_return_error -tls1_3 -alpn h2}.
     */
    public static OpenSslProcess client(int port, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        cmd.addAll(args);
        return new OpenSslProcess(cmd);
    }

    /** The port s_server listens on (-1 for a client). */
    public int port() {
        return port;
    }

    /** Writes a line (a newline is added) to the process's standard input, e.g. data or "k" for a KeyUpdate. */
    public void sendLine(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes standard input (s_client without -ign_eof then sends close_notify and exits). */
    public void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits until {@code text} appears on stdout or stderr; false when the timeout passes first. */
    public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(Pattern.quote(text));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (stdout.contains(p) || stderr.contains(p)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (Capture.SIGNAL) {
                Capture.SIGNAL.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    /** Waits for the process to exit; its exit code, or null when it is still running at the deadline. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    /** The command and everything it printed so far, for assertion messages. */
    public String describe() {
        return String.join(" ", command) + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    /** Ends the process: closes its input, waits 2 s, then kills it (and its children) forcibly. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        stdout.join();
        stderr.join();
    }

    /** Copies a stream into a buffer that keeps the first MAX_CAPTURE characters, on a daemon thread. */
    private static final class Capture {
        static final Object SIGNAL = new Object();
        private final StringBuilder text = new StringBuilder();
        private final Thread thread;

        Capture(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (text) {
                            int room = MAX_CAPTURE - text.length();
                            if (room > 0) {
                                String s = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                                text.append(s, 0, Math.min(room, s.length()));
                            }
                        }
                        synchronized (SIGNAL) {
                            SIGNAL.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        boolean contains(Pattern p) {
            return p.matcher(text()).find();
        }

        /** The first line matching {@code p}, waiting up to {@code timeout}; null when none appeared. */
        String await(Pattern p, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                boolean ended = !thread.isAlive(); // read before scanning, so the final output is scanned too
                for (String line : text().split("\n")) {
                    if (p.matcher(line).find()) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    return null;
                }
                synchronized (SIGNAL) {
                    SIGNAL.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                }
            }
        }

        void join() {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
