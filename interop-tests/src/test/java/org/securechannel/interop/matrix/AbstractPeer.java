package org.securechannel.interop.matrix;

import java.util.function.BiFunction;

/** What every row of the table has: its name, the version it reports, and the cells it cannot play. */
abstract class AbstractPeer implements Peer {
    private final String name;
    private final String version;
    private final BiFunction<Cell, Boolean, String> cannot;

    AbstractPeer(String name, String version, BiFunction<Cell, Boolean, String> cannot) {
        this.name = name;
        this.version = version;
        this.cannot = cannot;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final String cannot(Cell cell, boolean peerIsServer) {
        return cannot.apply(cell, peerIsServer);
    }
}
