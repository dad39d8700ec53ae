package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SunJssePeer;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Half-close (RFC 8446 §6.1): after our close_notify the peer may go on sending, and tickets (§4.6.1) and
 * KeyUpdates (§4.6.3) may come with what it sends. A context that was shut down must still read them, send
 * nothing back, and reach the peer's close_notify: it used to answer RENEGOTIATE for a buffered ticket
 * forever, because step returned before it read post-handshake messages once shutdown was called.
 */
class HalfCloseTest {
    private static final String HOST = "halfclose.test";
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static Credentials clientCredentials() {
        return Credentials.client().trustAnchors(List.of(pki.root())).build();
    }

    /** What a shut-down client reads from {@code wire}: the data, then CONTEXT_EXPIRED, in a bounded number of calls. */
    private static String readToCloseNotify(SecurityContext client, ByteBuffer wire) throws SecurityContextException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int calls = 0; calls < 64; calls++) {
            ByteBuffer plain = ByteBuffer.allocate(32 * 1024);
            Result r = client.decrypt(wire, plain);
            data.write(plain.array(), 0, plain.position());
            switch (r.status()) {
                case CONTEXT_EXPIRED:
                    return data.toString(StandardCharsets.UTF_8);
                case RENEGOTIATE: {
                    ByteBuffer out = ByteBuffer.allocate(1024);
                    Result s = client.step(ByteBuffer.allocate(0), out);
                    assertEquals(0, s.bytesProduced(), "nothing follows our close_notify (RFC 8446 §6.1)");
                    break;
                }
                case OK:
                    assertTrue(r.bytesConsumed() > 0 || r.bytesProduced() > 0, () -> "decrypt made no progress: " + r);
                    break;
                default:
                    throw new AssertionError("unexpected " + r);
            }
        }
        throw new AssertionError("no close_notify after 64 calls: the loop does not progress");
    }

    /** Our server, asked after our close_notify for a KeyUpdate with update_requested, then data and close. */
    @ParameterizedTest(name = "askPeerToUpdate={0}")
    @ValueSource(booleans = {true, false})
    void keyUpdateAfterOurCloseNotifyIsReadAndNotAnswered(boolean askPeer) throws Exception {
        Credentials s = Credentials.server().certificate(leaf.chain(), leaf.key()).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(clientCredentials(), HOST), SecurityContext.server(s)).handshake()) {
            p.client.shutdown();
            ByteBuffer closeNotify = ByteBuffer.allocate(256);
            assertEquals(Status.OK, p.client.step(ByteBuffer.allocate(0), closeNotify).status());
            assertTrue(closeNotify.position() > 0);

            p.server.requestKeyUpdate(askPeer);
            p.send(p.server, "reply after your close_notify".getBytes(StandardCharsets.UTF_8));
            p.server.shutdown();
            ByteBuffer tail = ByteBuffer.allocate(256);
            p.server.step(ByteBuffer.allocate(0), tail);
            tail.flip();
            p.toClient.write(tail);

            assertEquals("reply after your close_notify", readToCloseNotify(p.client, ByteBuffer.wrap(p.toClient.drain())));
        }
    }

    /**
     * The peer nobody here wrote: SunJSSE's TLS 1.3 server sends a NewSessionTicket right after the handshake
     * and, on beginHandshake, a KeyUpdate. Our client writes, shuts down, and only then reads all of it.
     */
    @Test
    void ticketAndKeyUpdateFromSunJsseAfterOurCloseNotify() throws Exception {
        SSLEngine server = SunJssePeer.context("TLSv1.3", leaf).createSSLEngine();
        server.setUseClientMode(false);
        try (SecurityContext client = SecurityContext.client(clientCredentials(), HOST)) {
            SunJssePeer p = new SunJssePeer(server, client).handshake();
            p.wrap(ByteBuffer.allocate(0)); // its tickets, if not out yet: they wait, unread, as in a socket buffer

            p.encryptOurs("GET /\r\n".getBytes(StandardCharsets.UTF_8));
            client.shutdown();
            p.stepOurs();
            ByteBuffer request = ByteBuffer.allocate(1024);
            server.unwrap(p.toTheirs, request); // the request record alone
            assertEquals("GET /\r\n", new String(request.array(), 0, request.position(), StandardCharsets.UTF_8));
            server.beginHandshake(); // TLS 1.3: a KeyUpdate (SunJSSE refuses it once its inbound is closed)
            p.wrap(ByteBuffer.allocate(0));
            p.pumpTheirs();
            assertTrue(server.isInboundDone(), "SunJSSE saw our close_notify");
            p.wrap(ByteBuffer.wrap("response".getBytes(StandardCharsets.UTF_8)));
            server.closeOutbound();
            p.wrap(ByteBuffer.allocate(0));

            assertEquals("response", readToCloseNotify(client, p.toOurs));
            assertFalse(p.toOurs.hasRemaining());
        }
    }
}
