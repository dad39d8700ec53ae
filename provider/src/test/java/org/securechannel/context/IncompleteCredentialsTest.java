package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

/** Schannel's SEC_I_INCOMPLETE_CREDENTIALS, from the application's side: supply a certificate, or go on without. */
class IncompleteCredentialsTest {
    private static ContextPair pair(Credentials.ClientAuth auth) {
        Credentials server = Pairs.serverCredentials().toBuilder().clientAuth(auth)
                .trustAnchors(List.of(Pairs.PKI.root())).build();
        return new ContextPair(SecurityContext.client(Pairs.clientCredentials(), "localhost"), SecurityContext.server(server));
    }

    /** Steps both sides until the client says INCOMPLETE_CREDENTIALS (bounded). */
    private static void untilIncomplete(ContextPair p) throws SecurityContextException {
        for (int i = 0; i < 20; i++) {
            if (p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client") == Status.INCOMPLETE_CREDENTIALS) {
                return;
            }
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
        }
        throw new AssertionError("no INCOMPLETE_CREDENTIALS: " + p.log);
    }

    @Test
    void suppliedCredentialsAreWhatTheServerSees() throws Exception {
        TestPki.Issued mine = Pairs.PKI.issue(TestPki.KeyType.EC_P256, o -> o.subject("CN=late client"));
        try (ContextPair p = pair(Credentials.ClientAuth.REQUIRED)) {
            untilIncomplete(p);
            assertTrue(p.client.acceptableIssuers().contains(Pairs.PKI.root().getSubjectX500Principal()), p.client.acceptableIssuers().toString());
            p.client.supplyCredentials(Pairs.clientCredentials().toBuilder().certificate(mine.chain(), mine.key()).build());
            p.handshake();
            assertEquals(mine.chain(), p.server.peerCertificates());
            assertEquals(mine.chain(), p.client.localCertificates());
        }
    }

    @Test
    void withoutCredentialsOptionalCompletes() throws Exception {
        try (ContextPair p = pair(Credentials.ClientAuth.OPTIONAL)) {
            untilIncomplete(p);
            p.handshake(); // calling step again: go on without a certificate
            assertEquals(List.of(), p.server.peerCertificates());
            assertEquals(List.of(), p.client.localCertificates());
            assertTrue(p.clientStatuses.contains(Status.INCOMPLETE_CREDENTIALS));
        }
    }

    @Test
    void withoutCredentialsRequiredFailsWithCertificateRequired() throws Exception {
        try (ContextPair p = pair(Credentials.ClientAuth.REQUIRED)) {
            untilIncomplete(p);
            SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.CERTIFICATE_REQUIRED, e.reason());
        }
    }
}
