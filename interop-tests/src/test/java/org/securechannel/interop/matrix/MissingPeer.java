package org.securechannel.interop.matrix;

/** A row whose program is not on this machine: every cell reports why (in CI, {@link Tools#missing} fails first). */
final class MissingPeer implements Peer {
    private final String name;
    private final String why;

    MissingPeer(String name, String why) {
        this.name = name;
        this.why = why;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "not installed";
    }

    @Override
    public String cannot(Cell cell, boolean peerIsServer) {
        return why;
    }

    @Override
    public Server server(Scenario s, MatrixPki pki) {
        throw new UnsupportedOperationException(why);
    }

    @Override
    public ClientRun client(Scenario s, MatrixPki pki, int port) {
        throw new UnsupportedOperationException(why);
    }
}
