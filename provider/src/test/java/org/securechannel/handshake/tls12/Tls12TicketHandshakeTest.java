package org.securechannel.handshake.tls12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.codec.Tls12NewSessionTicket;
import org.securechannel.context.Credentials;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.handshake.SessionCache;
import org.securechannel.handshake.TestHandshakeConfigs;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSession;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.SessionTickets;
import org.securechannel.session.TicketSealer;
import org.securechannel.session.TinkTicketSealer;
import org.securechannel.testing.TestPki;

/**
 * TLS 1.2 session tickets (RFC 5077) between our TLS 1.2 client and server states, driven message by message over
 * two record layers: the ClientHello is built here as the version front builds it, with the session_ticket that
 * {@link Tls12Handshake#sessionTicketExtension} gives. Shows the ticket issued after a full handshake, resumed under
 * the echoed session ID (and renewed), resumed by another server of the same keyset, every unusable ticket as a full
 * handshake, and the malformed or unannounced NewSessionTicket a client refuses.
 */
@Timeout(20)
class Tls12TicketHandshakeTest {
    private static final String HOST = "ticket.test";
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static TestPki.Issued leaf;
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final ClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1), 4, true, now::get);

    @BeforeAll
    static void pki() {
        leaf = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P256, HOST, "other.test");
    }

    private HandshakeConfig server(SessionTickets tickets) {
        CertificateSelector mine = (schemes, issuers, name) -> schemes.contains(SignatureScheme.ECDSA_SECP256R1_SHA256)
                ? new SelectedCertificate(leaf.chain(), leaf.key(), SignatureScheme.ECDSA_SECP256R1_SHA256) : null;
        TicketResumption r = tickets == null ? TicketResumption.NONE
                : TicketResumption.server(tickets, org.securechannel.session.ServerTicketPolicy.DEFAULT.withTickets(1)
                        .withLifetime(java.time.Duration.ofHours(1))).withClock(now::get);
        return new HandshakeConfig(false, List.of(SUITE), Credentials.DEFAULT_GROUPS, Credentials.DEFAULT_SCHEMES, List.of(), null,
                ClientAuthMode.NONE, CryptoBackend.defaultBackend(), CryptoBackend.defaultBackend().random(), mine,
                TestHandshakeConfigs.ACCEPT_ALL, null, null, SessionCache.NONE, r);
    }

    private HandshakeConfig client(String name, ClientSession saved) {
        TicketResumption r = TicketResumption.client(store, new ClientSessionStore.Peer(HOST, 443, name), saved, false)
                .withClock(now::get);
        return new HandshakeConfig(true, List.of(SUITE), Credentials.DEFAULT_GROUPS, Credentials.DEFAULT_SCHEMES, List.of(), name,
                ClientAuthMode.NONE, CryptoBackend.defaultBackend(), CryptoBackend.defaultBackend().random(), CertificateSelector.NONE,
                TestHandshakeConfigs.ACCEPT_ALL, null, null, SessionCache.NONE, r);
    }

    /** One side: its handshake and its record layer. */
    private record Side(Tls12Handshake hs, RecordLayer records) {
    }

    /** A client that has sent its ClientHello, and a server that has not read it yet. */
    private record Pair(Side client, Side server, ClientHello hello) {
    }

    private static Pair start(HandshakeConfig clientConfig, HandshakeConfig serverConfig, boolean askForTicket) {
        ClientSession offered = askForTicket ? Tls12Handshake.ticketToOffer(clientConfig) : null;
        byte[] random = new byte[32];
        byte[] sessionId = new byte[32];
        clientConfig.random().nextBytes(random);
        clientConfig.random().nextBytes(sessionId);
        List<Extension> ext = new ArrayList<>();
        if (clientConfig.serverName() != null) {
            ext.add(ServerNameExtension.encode(clientConfig.serverName()));
        }
        ext.add(Tls12HelloExtensions.extendedMasterSecret());
        ext.add(Tls12HelloExtensions.emptyRenegotiationInfo());
        ext.add(SupportedGroupsExtension.encode(List.of(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code())));
        ext.add(SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code())));
        Extension ticket = askForTicket ? Tls12Handshake.sessionTicketExtension(clientConfig, offered) : null;
        if (ticket != null) {
            ext.add(ticket);
        }
        ClientHello hello = new ClientHello(ProtocolVersion.TLS12.code(), random, sessionId, List.of(SUITE.code()), new byte[] {0}, ext);
        RecordLayer clientRecords = new RecordLayer();
        clientRecords.send(ContentType.HANDSHAKE, hello.encode());
        Side client = new Side(Tls12Handshake.client(clientConfig, clientRecords, hello, offered), clientRecords);
        RecordLayer serverRecords = new RecordLayer();
        return new Pair(client, new Side(Tls12Handshake.server(serverConfig, serverRecords), serverRecords), hello);
    }

    /** Everything {@code from} queued, read by {@code to}; the handshake messages among it, in order. */
    private static List<HandshakeType> transfer(Side from, Side to) throws AlertException {
        ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 16 && from.records.hasPendingOutput(); i++) {
            from.records.flush(wire);
        }
        wire.flip();
        List<HandshakeType> seen = new ArrayList<>();
        for (int i = 0; i < 64 && wire.hasRemaining(); i++) {
            assertEquals(0, to.records.missing(wire), "whole records only");
            ByteBuffer content = to.records.readToScratch(wire);
            ContentType type = to.records.lastType();
            if (type == ContentType.CHANGE_CIPHER_SPEC) {
                to.hs.receiveChangeCipherSpec();
            } else if (type == ContentType.HANDSHAKE) {
                to.records.addHandshakeFragment(content);
                for (RawHandshake m = to.records.nextHandshakeMessage(); m != null; m = to.records.nextHandshakeMessage()) {
                    seen.add(m.type());
                    to.hs.receive(m);
                }
            } else {
                throw new AssertionError("unexpected " + type + " record");
            }
        }
        return seen;
    }

    /** Runs the handshake to its end; returns the message types the client received. */
    private static List<HandshakeType> complete(Pair p) throws AlertException {
        List<HandshakeType> toClient = new ArrayList<>();
        for (int i = 0; i < 4 && !(p.client.hs.isComplete() && p.server.hs.isComplete()); i++) {
            transfer(p.client, p.server);
            toClient.addAll(transfer(p.server, p.client));
        }
        assertTrue(p.client.hs.isComplete() && p.server.hs.isComplete(), "both sides complete");
        assertArrayEquals(p.client.hs.exportKeyingMaterial("EXPORTER-test", null, 32),
                p.server.hs.exportKeyingMaterial("EXPORTER-test", null, 32), "both sides have the same keys");
        return toClient;
    }

    private ClientHello connectFull(HandshakeConfig serverConfig) throws AlertException {
        Pair p = start(client(HOST, null), serverConfig, true);
        List<HandshakeType> toClient = complete(p);
        assertFalse(p.client.hs.summary().resumed());
        assertTrue(toClient.contains(HandshakeType.NEW_SESSION_TICKET), toClient::toString);
        return p.hello;
    }

    @Test
    void aFullHandshakeGivesATicketThatResumesUnderTheEchoedSessionIdAndIsRenewed() throws AlertException {
        HandshakeConfig serverConfig = server(new SessionTickets(TinkTicketSealer.inMemory()));
        connectFull(serverConfig);
        Pair second = start(client(HOST, null), serverConfig, true);
        List<HandshakeType> toClient = complete(second);
        assertTrue(second.client.hs.summary().resumed(), "client");
        assertTrue(second.server.hs.summary().resumed(), "server");
        assertArrayEquals(second.hello.legacySessionId(), second.server.hs.summary().sessionId(), "RFC 5077 §3.4: our ID echoed");
        assertEquals(List.of(HandshakeType.SERVER_HELLO, HandshakeType.NEW_SESSION_TICKET, HandshakeType.FINISHED), toClient,
                "abbreviated: ServerHello, NewSessionTicket, (CCS,) Finished");
        assertEquals(leaf.leaf(), second.client.hs.summary().peerChain().get(0), "the session's server is reported again");
        Pair third = start(client(HOST, null), serverConfig, true);
        complete(third);
        assertTrue(third.client.hs.summary().resumed(), "the renewed ticket resumes too (each is used once)");
    }

    @Test
    void anotherServerWithTheSameKeysetResumesAndOneWithAnotherKeysetDoesAFullHandshake() throws AlertException {
        TinkTicketSealer fleet = TinkTicketSealer.inMemory();
        connectFull(server(new SessionTickets(fleet)));
        Pair other = start(client(HOST, null), server(new SessionTickets(TinkTicketSealer.inMemory())), true);
        complete(other);
        assertFalse(other.server.hs.summary().resumed(), "a ticket of another keyset");
        connectFull(server(new SessionTickets(fleet))); // the store's ticket went to the other keyset's server: a new one
        Pair same = start(client(HOST, null), server(new SessionTickets(fleet)), true);
        complete(same);
        assertTrue(same.server.hs.summary().resumed(), "a ticket of the same keyset, another server");
    }

    @Test
    void aGarbageTicketIsAFullHandshakeNeverAnError() throws AlertException {
        HandshakeConfig serverConfig = server(new SessionTickets(TinkTicketSealer.inMemory()));
        connectFull(serverConfig);
        ClientSession real = store.take(new ClientSessionStore.Peer(HOST, 443, HOST)).orElseThrow();
        byte[] garbage = real.ticket();
        garbage[garbage.length / 2] ^= 1;
        ClientSession tampered = new ClientSession(garbage, real.state());
        Pair p = start(client(HOST, tampered), serverConfig, true);
        List<HandshakeType> toClient = complete(p);
        assertFalse(p.server.hs.summary().resumed());
        assertFalse(p.client.hs.summary().resumed());
        assertTrue(toClient.contains(HandshakeType.CERTIFICATE), "a full handshake");
        ClientSession longest = new ClientSession(new byte[Tickets.MAX_KEPT_TICKET_LENGTH], real.state());
        Pair q = start(client(HOST, longest), serverConfig, true);
        complete(q);
        assertFalse(q.server.hs.summary().resumed(), "the longest ticket a client offers, not ours");
    }

    @Test
    void anExpiredTicketOrAnotherServerNameIsAFullHandshake() throws AlertException {
        HandshakeConfig serverConfig = server(new SessionTickets(TinkTicketSealer.inMemory()));
        connectFull(serverConfig);
        ClientSession saved = store.take(new ClientSessionStore.Peer(HOST, 443, HOST)).orElseThrow();
        Pair otherName = start(client("other.test", saved.copy()), serverConfig, true);
        complete(otherName);
        assertFalse(otherName.server.hs.summary().resumed(), "the client does not offer another name's ticket");
        now.addAndGet(Duration.ofSeconds(3600).toMillis());
        Pair expired = start(client(HOST, saved), serverConfig, true);
        complete(expired);
        assertFalse(expired.server.hs.summary().resumed(), "past the ticket's lifetime");
    }

    @Test
    void noTicketIsPromisedToAClientThatDidNotAskNorByAServerWithoutTickets() throws AlertException {
        Pair silent = start(client(HOST, null), server(new SessionTickets(TinkTicketSealer.inMemory())), false);
        assertFalse(complete(silent).contains(HandshakeType.NEW_SESSION_TICKET));
        Pair none = start(client(HOST, null), server(null), true);
        assertFalse(complete(none).contains(HandshakeType.NEW_SESSION_TICKET));
        assertTrue(store.take(new ClientSessionStore.Peer(HOST, 443, HOST)).isEmpty(), "nothing kept");
    }

    /** A client waiting for the server's change_cipher_spec after its Finished, no ticket promised. */
    @Test
    void aNewSessionTicketNotPromisedIsUnexpectedMessage() throws AlertException {
        Pair p = start(client(HOST, null), server(null), true);
        transfer(p.client, p.server);
        transfer(p.server, p.client); // ServerHello .. ServerHelloDone; the client sends its flight
        AlertException e = assertThrows(AlertException.class, () -> p.client.hs.receive(ticketMessage(new byte[] {0, 0, 0, 1, 0, 1, 7})));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
    }

    @Test
    void aTruncatedOrOverlongNewSessionTicketIsDecodeError() throws AlertException {
        for (byte[] body : List.of(new byte[] {0, 0, 0}, new byte[] {0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, 1, 2},
                new byte[] {0, 0, 0, 1, 0, 1, 7, 8})) {
            Pair p = start(client(HOST, null), server(new SessionTickets(TinkTicketSealer.inMemory())), true);
            transfer(p.client, p.server);
            transfer(p.server, p.client); // the ticket was promised: the client now waits for it
            AlertException e = assertThrows(AlertException.class, () -> p.client.hs.receive(ticketMessage(body)));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        }
    }

    @Test
    void anEmptyTicketIsLegalAndKeepsNothing() throws AlertException {
        Pair p = start(client(HOST, null), server(new SessionTickets(TinkTicketSealer.inMemory())), true);
        transfer(p.client, p.server);
        transfer(p.server, p.client);
        p.client.hs.receive(ticketMessage(new Tls12NewSessionTicket(0, new byte[0]).encode(), true));
        assertFalse(p.client.hs.isComplete());
        assertTrue(p.client.hs.acceptsChangeCipherSpec(), "the server's change_cipher_spec comes next");
    }

    /** A server whose tickets are longer than a ClientHello could carry back: the client keeps none of them. */
    @Test
    void aTicketTooLongToOfferAgainIsNotKept() throws AlertException {
        TicketSealer huge = new TicketSealer() {
            @Override
            public byte[] seal(byte[] plaintext) {
                return new byte[Tickets.MAX_KEPT_TICKET_LENGTH + 1];
            }

            @Override
            public Optional<byte[]> open(byte[] ticket) {
                return Optional.empty();
            }

            @Override
            public int maxPlaintextLength() {
                return 0xFFFF;
            }
        };
        Pair p = start(client(HOST, null), server(new SessionTickets(huge)), true);
        assertTrue(complete(p).contains(HandshakeType.NEW_SESSION_TICKET));
        assertTrue(store.take(new ClientSessionStore.Peer(HOST, 443, HOST)).isEmpty(), "nothing kept");
    }

    /** RFC 5077 §3.2: a ServerHello's session_ticket is empty, and only an answer to ours. */
    @Test
    void aServerHelloSessionTicketWithDataOrUnaskedIsRefused() throws AlertException {
        Pair asked = start(client(HOST, null), server(null), true);
        AlertException e = assertThrows(AlertException.class, () -> Tls12Handshake.receiveIn(asked.client.hs,
                new ClientExpectServerHello(asked.hello, null), serverHello(asked.hello, new byte[] {1})));
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        Pair unasked = start(client(HOST, null), server(null), false);
        e = assertThrows(AlertException.class, () -> Tls12Handshake.receiveIn(unasked.client.hs,
                new ClientExpectServerHello(unasked.hello, null), serverHello(unasked.hello, new byte[0])));
        assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, e.alert());
    }

    private static RawHandshake serverHello(ClientHello answering, byte[] ticketExtension) {
        byte[] random = new byte[32];
        random[0] = 1;
        org.securechannel.codec.ServerHello hello = new org.securechannel.codec.ServerHello(ProtocolVersion.TLS12.code(), random,
                new byte[32], SUITE.code(), 0, List.of(Tls12HelloExtensions.extendedMasterSecret(),
                        org.securechannel.codec.SessionTicketExtension.encode(ticketExtension)));
        return new RawHandshake(HandshakeType.SERVER_HELLO, hello.encode());
    }

    @Test
    void aTicketIsOfferedOnce() throws AlertException {
        connectFull(server(new SessionTickets(TinkTicketSealer.inMemory())));
        ClientSession offered = Tls12Handshake.ticketToOffer(client(HOST, null));
        assertNotNull(offered);
        assertNull(Tls12Handshake.ticketToOffer(client(HOST, null)), "single use (RFC 8446 §C.4 as for TLS 1.3): the store gave it away");
        assertEquals(ProtocolVersion.TLS12, offered.state().version());
    }

    private static RawHandshake ticketMessage(byte[] body) {
        byte[] encoded = new byte[4 + body.length];
        encoded[0] = (byte) HandshakeType.NEW_SESSION_TICKET.code();
        encoded[1] = (byte) (body.length >>> 16);
        encoded[2] = (byte) (body.length >>> 8);
        encoded[3] = (byte) body.length;
        System.arraycopy(body, 0, encoded, 4, body.length);
        return new RawHandshake(HandshakeType.NEW_SESSION_TICKET, encoded);
    }

    private static RawHandshake ticketMessage(byte[] encoded, boolean whole) {
        return new RawHandshake(HandshakeType.NEW_SESSION_TICKET, encoded);
    }
}
