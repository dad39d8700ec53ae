package org.securechannel.cli;

import java.io.IOException;
import java.io.PrintStream;

/**
 * The demo's output, in causal order. The client and the server run on two threads and both print; a line that
 * says a side sent something used to be printed after the bytes went out, so the peer's thread could receive them
 * and print "received" first. Here each send's line is printed and flushed before the bytes leave
 * ({@link #send}), and the trace's lines come from the context call before the driver writes its output, so any
 * line about receiving something is printed after the line about sending it. One lock keeps multi-line blocks
 * together.
 */
final class DemoTranscript {
    /** A blocking send, e.g. a write on the connection. */
    interface Send {
        void run() throws IOException;
    }

    private final PrintStream out;

    DemoTranscript(PrintStream out) {
        this.out = out;
    }

    /** Prints "[side] line" for each line of {@code text}, flushed, as one block. */
    void print(String side, String text) {
        synchronized (this) {
            for (String line : text.split("\n")) {
                out.printf("[%s] %s%n", side, line);
            }
            out.flush();
        }
    }

    /** Says that {@code side} is sending {@code what}, then sends it: the line is out before the bytes are. */
    void send(String side, String what, Send send) throws IOException {
        print(side, what);
        send.run();
    }

    /** A line that is not a side's (the set-up and the end), in the same order as the sides' lines. */
    void note(String text) {
        synchronized (this) {
            out.println(text);
            out.flush();
        }
    }
}
