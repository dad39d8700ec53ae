package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo prints in causal order: a message, the close_notify and the first handshake flight are never shown
 * received before they are shown sent, though the client and the server print from two threads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoOrderTest {
    /** Enough runs to meet the race the old order lost now and then; bounded in time on a loaded machine. */
    private static final int RUNS = 30;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MIN_RUNS = 5;

    /** Each pair: the line that says something left, and the peer's line that says it arrived. */
    private static final List<String[]> CAUSE_AND_EFFECT = List.of(
        new String[] {"[client] step    -> CONTINUE_NEEDED", "[server] step    -> CONTINUE_NEEDED"},
        new String[] {"[client] sending \"" + DemoCommand.CLIENT_MESSAGE + "\"",
            "[server] received \"" + DemoCommand.CLIENT_MESSAGE + "\""},
        new String[] {"[client] encrypt -> OK", "[server] decrypt -> OK"},
        new String[] {"[server] sending \"" + DemoCommand.SERVER_MESSAGE + "\"",
            "[client] received \"" + DemoCommand.SERVER_MESSAGE + "\""},
        new String[] {"[client] shutdown(): sending close_notify", "[server] decrypt returned CONTEXT_EXPIRED"},
        new String[] {"[server] shutdown(): sending close_notify", "[client] decrypt returned CONTEXT_EXPIRED"});

    private static List<String> demoLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"demo"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
        return text.lines().toList();
    }

    private static int first(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + ":\n" + String.join("\n", lines));
    }

    @Test
    void everyReceiptIsPrintedAfterItsSendingOverManyRuns() {
        long start = System.nanoTime();
        int runs = 0;
        while (runs < RUNS && (runs < MIN_RUNS || System.nanoTime() - start < BUDGET_NANOS)) {
            List<String> lines = demoLines();
            for (String[] pair : CAUSE_AND_EFFECT) {
                int cause = first(lines, pair[0]);
                int effect = first(lines, pair[1]);
                assertTrue(cause < effect, "run " + runs + ": '" + pair[1] + "' (line " + effect + ") before '" + pair[0]
                        + "' (line " + cause + "):\n" + String.join("\n", lines));
            }
            runs++;
        }
        assertTrue(runs >= MIN_RUNS, "runs: " + runs);
    }

    /**
     * The sink itself: whatever the peer's thread prints while the bytes are on their way comes after the send's
     * line. The old order (send, then print "sent") fails this every time.
     */
    @Test
    void theSendLineIsOutBeforeThePeerCanSeeTheBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoTranscript transcript = new DemoTranscript(new PrintStream(out, true, StandardCharsets.UTF_8));
        transcript.send("client", "sending \"hi\"", () -> {
            // The peer receives while the send is still running, as a fast loopback peer can.
            Thread peer = new Thread(() -> transcript.print("server", "received \"hi\""));
            peer.start();
            try {
                peer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals("[client] sending \"hi\"\n[server] received \"hi\"\n",
                out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
