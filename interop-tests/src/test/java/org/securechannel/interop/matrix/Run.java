package org.securechannel.interop.matrix;

/**
 * What running one cell in one direction gave.
 *
 * @param ours        what our engine saw, null when it failed
 * @param ourFailure  why our side failed, or null
 * @param echoed      the client got back exactly what it sent
 * @param peer        what an in-JVM peer's engine saw, else null
 * @param peerLog     the peer's output, for failure messages
 * @param first       in a resumption cell, what our engine saw on the first connection (ours is the second's)
 */
record Run(Observed ours, Exception ourFailure, boolean echoed, Observed peer, String peerLog, Observed first) {
    /** A failure with the first lines of its stack, for a peer's log. */
    static String trace(String who, Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return who + ": " + String.join("\n", w.toString().lines().limit(12).toList());
    }

    String describe() {
        return "ours=" + ours + "\nour failure=" + (ourFailure == null ? null : trace("ours", ourFailure)) + "\necho intact=" + echoed + "\npeer=" + peer
                + "\nfirst connection=" + first + "\npeer log:\n" + peerLog;
    }
}
