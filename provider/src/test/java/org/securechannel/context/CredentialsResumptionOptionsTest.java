package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.ServerTicketPolicy;
import org.securechannel.session.TicketSealer;
import org.securechannel.session.TinkTicketSealer;
import org.securechannel.testing.TestPki;

/** Credentials carry a ticket sealer (server) and a client session store (client), each only on its side. */
class CredentialsResumptionOptionsTest {
    @Test
    void eachSideCarriesItsOwnAndToBuilderKeepsThem() {
        TestPki.Issued leaf = TestPki.selfSigned(TestPki.KeyType.EC_P256, "localhost");
        TicketSealer sealer = TinkTicketSealer.inMemory();
        Credentials server = Credentials.server().certificate(leaf.chain(), leaf.key()).ticketSealer(sealer).build();
        assertSame(sealer, server.ticketSealer());
        assertSame(sealer, server.toBuilder().build().ticketSealer());
        assertNull(server.clientSessionStore());
        assertSame(ServerTicketPolicy.DEFAULT, server.ticketPolicy());
        ServerTicketPolicy zeroRtt = ServerTicketPolicy.DEFAULT.withEarlyData(16384);
        assertSame(zeroRtt, server.toBuilder().ticketPolicy(zeroRtt).build().toBuilder().build().ticketPolicy());

        ClientSessionStore store = new BoundedClientSessionStore(10, Duration.ofHours(1));
        Credentials client = Credentials.client().trustAnchors(leaf.chain()).clientSessionStore(store).build();
        assertSame(store, client.clientSessionStore());
        assertSame(store, client.toBuilder().build().clientSessionStore());
        assertNull(client.ticketSealer());

        assertThrows(IllegalStateException.class, () -> Credentials.client().ticketSealer(sealer).build());
        assertThrows(IllegalStateException.class,
                () -> Credentials.server().certificate(leaf.chain(), leaf.key()).clientSessionStore(store).build());
    }
}
