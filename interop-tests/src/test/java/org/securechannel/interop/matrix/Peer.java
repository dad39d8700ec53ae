package org.securechannel.interop.matrix;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One row of the matrix: a TLS stack nobody here wrote, able to play the echo server and the echo client of
 * {@link Echo}. Adding a peer is implementing this and adding one line to {@link PeerMatrixTest#PEERS}.
 */
interface Peer {
    String name();

    /** The version the README's table shows, as the peer reports it. */
    String version();

    /**
     * Why this peer cannot play {@code cell} in the given role, or null when it can. Every reason is shown in
     * the test report as the cell's skip message: nothing is left out silently.
     */
    String cannot(Cell cell, boolean peerIsServer);

    /** Starts the peer as the echo server of {@code s}. */
    Server server(Scenario s, MatrixPki pki) throws Exception;

    /** Runs the peer as the echo client of {@code s} against our server on 127.0.0.1:{@code port}. */
    ClientRun client(Scenario s, MatrixPki pki, int port) throws Exception;

    /** A running peer server; closing it stops it. */
    interface Server extends AutoCloseable {
        /** A new connection to it (TCP to 127.0.0.1, or a Unix socket where the peer lives in a namespace). */
        SocketChannel connect() throws IOException;

        /** What the peer saw, when it is in this JVM, else null. Valid after our side finished. */
        Observed observed() throws Exception;

        /** The peer's output, for failure messages. */
        String log();

        @Override
        void close() throws IOException;
    }

    /**
     * What a peer client did.
     *
     * @param echoed   it received exactly the payload it sent
     * @param observed what its engine saw, when it is in this JVM, else null
     * @param log      its output, for failure messages
     */
    record ClientRun(boolean echoed, Observed observed, String log) {
    }
}
