package org.securechannel.context;

import java.util.List;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

/** Established engine context pairs for the message and identity tests; one CA per JVM keeps them fast. */
public final class Pairs {
    public static final TestPki PKI = TestPki.ca(TestPki.KeyType.EC_P256);
    private static final TestPki.Issued SERVER = PKI.issue(TestPki.KeyType.EC_P256, "localhost");

    private Pairs() {
    }

    public static Credentials serverCredentials() {
        return Credentials.server().certificate(SERVER.chain(), SERVER.key()).build();
    }

    public static Credentials clientCredentials() {
        return Credentials.client().trustAnchors(List.of(PKI.root())).build();
    }

    /** A client and server that completed a handshake with each other. */
    public static ContextPair established() throws SecurityContextException {
        ContextPair p = new ContextPair(SecurityContext.client(clientCredentials(), "localhost"),
                SecurityContext.server(serverCredentials())).handshake();
        p.receive(p.client, p.toClient); // the server's tickets: the client has read everything sent so far
        return p;
    }
}
