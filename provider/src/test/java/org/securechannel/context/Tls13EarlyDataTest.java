package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSession;
import org.securechannel.session.EarlyDataStatus;
import org.securechannel.session.SessionState;
import org.securechannel.session.TinkTicketSealer;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Pipe;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/**
 * 0-RTT (RFC 8446 §2.3, §4.2.10, §8), engine to engine: off unless the server enables it; accepted only on a ticket
 * that allowed it, with the ticket's suite and ALPN, not after a HelloRetryRequest, and once (a replayed ClientHello
 * resumes but its early data is skipped); what the server does not accept is skipped by trial decryption and the
 * handshake goes on; the client learns which, and resends nothing on its own. Also psk_ke.
 */
@Timeout(30)
class Tls13EarlyDataTest {
    private static final String HOST = "early.test";
    private static final int PORT = 443;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: early.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, HOST);
    }

    private static Credentials.Builder server(TinkTicketSealer keys) {
        return Credentials.server().certificate(leaf.chain(), leaf.key()).ticketSealer(keys);
    }

    private static Credentials client() {
        return Credentials.client().trustAnchors(List.of(pki.root())).build();
    }

    /** A full handshake with {@code server}; returns one of the tickets it sent, as a caller would save it. */
    private static ClientSession ticketFrom(Credentials server, Credentials.Builder clientBuilder) throws Exception {
        BoundedClientSessionStore store = new BoundedClientSessionStore(4, Duration.ofHours(1));
        Credentials c = clientBuilder.clientSessionStore(store).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, null), SecurityContext.server(server)).handshake()) {
            p.receive(p.client, p.toClient);
        }
        return store.take(new org.securechannel.session.ClientSessionStore.Peer(HOST, PORT, HOST)).orElseThrow();
    }

    private static ClientSession ticketFrom(Credentials server) throws Exception {
        return ticketFrom(server, Credentials.client().trustAnchors(List.of(pki.root())));
    }

    private static ContextPair resumeWithEarlyData(Credentials server, ClientSession saved, byte[] early) throws Exception {
        SecurityContext client = SecurityContext.client(client(), HOST, PORT, saved);
        client.offerEarlyData(early);
        return new ContextPair(client, SecurityContext.server(server)).handshake();
    }

    @Test
    void acceptedEarlyDataReachesTheServerOnceBeforeTheHandshakeCompletes() throws Exception {
        TinkTicketSealer keys = TinkTicketSealer.inMemory();
        Credentials s = server(keys).earlyData(16384).build();
        ClientSession saved = ticketFrom(s);
        assertEquals(16384, saved.state().maxEarlyDataSize(), "the ticket allows 0-RTT");

        SecurityContext client = SecurityContext.client(client(), HOST, PORT, saved);
        client.offerEarlyData(REQUEST);
        SecurityContext server = SecurityContext.server(s);
        try (ContextPair p = new ContextPair(client, server)) {
            // The client's first flight: ClientHello, change_cipher_spec, the early data.
            p.stepOnce(client, p.toClient, p.toServer, p.clientStatuses, "client");
            assertEquals(EarlyDataStatus.OFFERED, client.earlyDataStatus());
            for (int i = 0; i < 3; i++) {
                p.stepOnce(server, p.toServer, p.toClient, p.serverStatuses, "server");
            }
            assertFalse(server.isEstablished(), "the server has not seen the client's Finished");
            assertArrayEquals(REQUEST, server.takeEarlyData(), "0-RTT data is there before the handshake completes");
            p.handshake();
            assertEquals(EarlyDataStatus.ACCEPTED, client.earlyDataStatus());
            assertEquals(EarlyDataStatus.ACCEPTED, server.earlyDataStatus());
            assertTrue(client.connectionInfo().resumed());
            assertEquals(0, server.takeEarlyData().length, "taken once");
            assertArrayEquals(client.exportEarlyKeyingMaterial("EXPORTER-early", null, 32),
                    server.exportEarlyKeyingMaterial("EXPORTER-early", null, 32), "the early exporter agrees");
            assertFalse(java.util.Arrays.equals(client.exportEarlyKeyingMaterial("EXPORTER-early", null, 32),
                    client.exportKeyingMaterial("EXPORTER-early", null, 32)));
            assertEquals("after", new String(p.transfer(client, "after".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            assertEquals("back", new String(p.transfer(server, "back".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void largeEarlyDataSpansRecordsUpToTheLimit() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(40_000).build();
        byte[] big = new byte[40_000];
        new java.util.Random(1).nextBytes(big);
        try (ContextPair p = resumeWithEarlyData(s, ticketFrom(s), big)) {
            assertEquals(EarlyDataStatus.ACCEPTED, p.client.earlyDataStatus());
            assertArrayEquals(big, p.server.takeEarlyData());
        }
    }

    @Test
    void aReplayedClientHelloResumesButItsEarlyDataIsSkipped() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(16384).build();
        ClientSession saved = ticketFrom(s);
        SecurityContext client = SecurityContext.client(client(), HOST, PORT, saved);
        client.offerEarlyData(REQUEST);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        client.step(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] firstFlight = new byte[out.remaining()];
        out.get(firstFlight);

        try (SecurityContext original = SecurityContext.server(s); SecurityContext replay = SecurityContext.server(s)) {
            assertArrayEquals(REQUEST, serverReads(original, firstFlight), "first use");
            assertEquals(EarlyDataStatus.ACCEPTED, original.earlyDataStatus());
            assertEquals(0, serverReads(replay, firstFlight).length, "the strike register refuses the replay");
            assertEquals(EarlyDataStatus.REJECTED, replay.earlyDataStatus());
        }
        client.close();
    }

    /** Feeds a client's first flight to a server and returns the early data it accepted. */
    private static byte[] serverReads(SecurityContext server, byte[] flight) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(flight);
        for (int i = 0; i < 5 && in.hasRemaining(); i++) {
            server.step(in, ByteBuffer.allocate(64 * 1024));
        }
        assertFalse(in.hasRemaining(), "the server read the whole flight");
        return server.takeEarlyData();
    }

    @Test
    void aServerWithout0RttSkipsTheEarlyDataAndTheHandshakeGoesOn() throws Exception {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        ClientSession saved = ticketFrom(server(fleet).earlyData(16384).build());
        Credentials later = server(fleet).build(); // same keys, 0-RTT since turned off
        try (ContextPair p = resumeWithEarlyData(later, saved, REQUEST)) {
            assertTrue(p.client.connectionInfo().resumed(), "the ticket still resumes");
            assertEquals(EarlyDataStatus.REJECTED, p.client.earlyDataStatus());
            assertEquals(EarlyDataStatus.REJECTED, p.server.earlyDataStatus());
            assertEquals(0, p.server.takeEarlyData().length);
            assertArrayEquals(REQUEST, p.transfer(p.client, REQUEST), "the caller resends after the handshake");
        }
    }

    @Test
    void earlyDataAfterAHelloRetryRequestIsSkipped() throws Exception {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        ClientSession saved = ticketFrom(server(fleet).earlyData(16384).build());
        Credentials retrying = server(fleet).earlyData(16384).groups(NamedGroup.SECP256R1).build();
        try (ContextPair p = resumeWithEarlyData(retrying, saved, REQUEST)) {
            assertTrue(p.client.connectionInfo().helloRetryRequest());
            assertTrue(p.client.connectionInfo().resumed());
            assertEquals(EarlyDataStatus.REJECTED, p.client.earlyDataStatus());
            assertEquals(0, p.server.takeEarlyData().length);
            assertArrayEquals(REQUEST, p.transfer(p.client, REQUEST));
        }
    }

    @Test
    void anotherSuiteOrAlpnThanTheTicketsRejectsEarlyData() throws Exception {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        ClientSession saved = ticketFrom(server(fleet).earlyData(16384).cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256).build());
        Credentials otherSuite = server(fleet).earlyData(16384).cipherSuites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256).build();
        try (ContextPair p = resumeWithEarlyData(otherSuite, saved.copy(), REQUEST)) {
            assertTrue(p.client.connectionInfo().resumed(), "same hash: resumes");
            assertEquals(EarlyDataStatus.REJECTED, p.client.earlyDataStatus());
            assertEquals(EarlyDataStatus.REJECTED, p.server.earlyDataStatus());
        }
        Credentials withAlpn = server(fleet).earlyData(16384).applicationProtocols(List.of("h2")).build();
        SecurityContext client = SecurityContext.client(Credentials.client().trustAnchors(List.of(pki.root()))
                .applicationProtocols(List.of("h2")).build(), HOST, PORT, saved);
        client.offerEarlyData(REQUEST);
        try (ContextPair p = new ContextPair(client, SecurityContext.server(withAlpn)).handshake()) {
            assertEquals("h2", p.client.applicationProtocol().orElseThrow());
            assertEquals(EarlyDataStatus.REJECTED, p.client.earlyDataStatus(), "the ticket's ALPN was none");
        }
    }

    @Test
    void noTicketOrTooMuchDataIsNotSent() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(100).build();
        SecurityContext fresh = SecurityContext.client(client(), HOST, PORT, null);
        fresh.offerEarlyData(REQUEST);
        try (ContextPair p = new ContextPair(fresh, SecurityContext.server(s)).handshake()) {
            assertEquals(EarlyDataStatus.NOT_SENT, p.client.earlyDataStatus(), "no ticket");
            assertEquals(EarlyDataStatus.NOT_REQUESTED, p.server.earlyDataStatus());
        }
        try (ContextPair p = resumeWithEarlyData(s, ticketFrom(s), new byte[101])) {
            assertEquals(EarlyDataStatus.NOT_SENT, p.client.earlyDataStatus(), "more than the ticket allows");
            assertTrue(p.client.connectionInfo().resumed());
        }
        Credentials off = server(TinkTicketSealer.inMemory()).build();
        ClientSession plain = ticketFrom(off);
        assertEquals(0, plain.state().maxEarlyDataSize(), "0-RTT is off by default: tickets do not allow it");
        try (ContextPair p = resumeWithEarlyData(off, plain, REQUEST)) {
            assertEquals(EarlyDataStatus.NOT_SENT, p.client.earlyDataStatus());
        }
    }

    @Test
    void earlyDataIsGivenOnlyToAClientBeforeItsFirstStep() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(100).build();
        try (SecurityContext server = SecurityContext.server(s)) {
            assertThrows(SecurityContextException.class, () -> server.offerEarlyData(REQUEST));
        }
        try (ContextPair p = new ContextPair(SecurityContext.client(client(), HOST, PORT, null), SecurityContext.server(s)).handshake()) {
            assertThrows(SecurityContextException.class, () -> p.client.offerEarlyData(REQUEST));
            assertThrows(SecurityContextException.class, () -> p.client.exportEarlyKeyingMaterial("x", null, 16));
        }
    }

    @Test
    void moreEarlyDataThanTheServerAllowsIsUnexpectedMessage() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(100).build();
        ClientSession real = ticketFrom(s);
        SessionState st = real.state();
        // A client that claims the ticket allowed more than it did.
        ClientSession greedy = new ClientSession(real.ticket(), new SessionState(st.version(), st.suite(), st.group(),
                st.serverScheme(), st.clientScheme(), st.createdMillis(), st.lifetimeSeconds(), st.ageAdd(), 100_000,
                st.secret(), st.serverName(), st.alpn(), st.peerChain()));
        SecurityContext client = SecurityContext.client(client(), HOST, PORT, greedy);
        client.offerEarlyData(new byte[5000]);
        ContextPair p = new ContextPair(client, SecurityContext.server(s));
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertTrue(e.getMessage().contains("max_early_data_size"), e.getMessage());
        assertTrue(e.peerAlert() == AlertDescription.UNEXPECTED_MESSAGE || e.getMessage().contains("unexpected_message"), e.getMessage());
        p.close();
    }

    @Test
    void rejectedEarlyDataBeyondTheSkipBudgetIsBadRecordMac() throws Exception {
        // A server with 0-RTT off skips at most 16 KiB of early data it cannot read; a client sending more (its ticket
        // allowed none) gets bad_record_mac, not an endless skip.
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        ClientSession real = ticketFrom(server(fleet).earlyData(100).build());
        SessionState st = real.state();
        ClientSession greedy = new ClientSession(real.ticket(), new SessionState(st.version(), st.suite(), st.group(),
                st.serverScheme(), st.clientScheme(), st.createdMillis(), st.lifetimeSeconds(), st.ageAdd(), 100_000,
                st.secret(), st.serverName(), st.alpn(), st.peerChain()));
        SecurityContext client = SecurityContext.client(client(), HOST, PORT, greedy);
        client.offerEarlyData(new byte[40_000]);
        ContextPair p = new ContextPair(client, SecurityContext.server(server(fleet).build()));
        SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
        assertTrue(e.getMessage().contains("bad_record_mac"), e.getMessage());
        p.close();
    }

    @Test
    void theKeyLogHasTheEarlySecretsWhen0RttWasOffered() throws Exception {
        Credentials s = server(TinkTicketSealer.inMemory()).earlyData(1024).build();
        ClientSession saved = ticketFrom(s);
        java.util.List<String> labels = new java.util.concurrent.CopyOnWriteArrayList<>();
        Credentials logging = Credentials.client().trustAnchors(List.of(pki.root()))
                .keyLog((label, random, secret) -> labels.add(label)).build();
        SecurityContext client = SecurityContext.client(logging, HOST, PORT, saved);
        client.offerEarlyData(REQUEST);
        try (ContextPair p = new ContextPair(client, SecurityContext.server(s)).handshake()) {
            assertEquals(EarlyDataStatus.ACCEPTED, p.client.earlyDataStatus());
        }
        assertTrue(labels.contains("CLIENT_EARLY_TRAFFIC_SECRET"), labels.toString());
        assertTrue(labels.contains("EARLY_EXPORTER_SECRET"), labels.toString());
        assertEquals(1, labels.stream().filter("CLIENT_EARLY_TRAFFIC_SECRET"::equals).count(), labels.toString());
    }

    @Test
    void pskKeResumesWithoutAKeyExchangeOnlyWhenBothSidesAllowIt() throws Exception {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        Credentials pskKeServer = server(fleet).pskWithoutKeyExchange(true).build();
        Credentials.Builder pskKeClient = Credentials.client().trustAnchors(List.of(pki.root())).pskWithoutKeyExchange(true);
        ClientSession saved = ticketFrom(pskKeServer, pskKeClient);
        Credentials c = Credentials.client().trustAnchors(List.of(pki.root())).pskWithoutKeyExchange(true).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, saved.copy()), SecurityContext.server(pskKeServer)).handshake()) {
            assertTrue(p.client.connectionInfo().resumed());
            assertNull(p.client.connectionInfo().group(), "psk_ke: no key exchange group");
            assertNull(p.server.connectionInfo().group());
            assertArrayEquals(REQUEST, p.transfer(p.client, REQUEST));
        }
        // The default server resumes the same client with psk_dhe_ke.
        try (ContextPair p = new ContextPair(SecurityContext.client(c, HOST, PORT, saved.copy()),
                SecurityContext.server(server(fleet).build())).handshake()) {
            assertTrue(p.client.connectionInfo().resumed());
            assertEquals(NamedGroup.X25519_MLKEM768, p.client.connectionInfo().group());
        }
        // A psk_ke server with a default client: psk_dhe_ke.
        try (ContextPair p = new ContextPair(SecurityContext.client(client(), HOST, PORT, saved.copy()),
                SecurityContext.server(pskKeServer)).handshake()) {
            assertTrue(p.client.connectionInfo().resumed());
            assertTrue(p.client.connectionInfo().group() != null);
        }
    }
}
