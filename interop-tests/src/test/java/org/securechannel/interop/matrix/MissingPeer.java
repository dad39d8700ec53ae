package org.securechannel.interop.matrix;

/** A row whose program is not on this machine: every cell reports why (in CI, {@link Tools#missing} fails first). */
final class MissingPeer extends AbstractPeer {
    private final String why;

    MissingPeer(String name, String why) {
        super(name, "not installed", (cell, server) -> why);
        this.why = why;
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
