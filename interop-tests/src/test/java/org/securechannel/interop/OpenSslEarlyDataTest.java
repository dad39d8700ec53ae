package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.cli.ContextStream;
import org.securechannel.context.Credentials;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.EarlyDataStatus;
import org.securechannel.testing.TestPki.KeyType;

/**
 * 0-RTT and psk_ke against OpenSSL 3 (RFC 8446 §2.3, §4.2.9, §4.2.10): {@code s_client -early_data} on a saved
 * session is accepted by our server when 0-RTT is on (the data reaches our application before the handshake
 * completes) and skipped when it is off; our client's early data is accepted by {@code s_server -early_data};
 * {@code s_client -allow_no_dhe_kex} resumes with psk_ke at our server when it allows psk_ke.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpenSslEarlyDataTest extends OpenSslInteropTest {
    private static final String EARLY = "GET /early HTTP/1.1";

    @Test
    void sClientEarlyDataIsAcceptedByOurServer() throws Exception {
        List<String> outcome = sClientEarlyData(serverCredentials(KeyType.EC_P256).earlyData(16384).build());
        assertEquals(List.of("", EARLY + "\n"), outcome.subList(0, 2), "early data seen by our server, per connection");
        assertTrue(outcome.get(2).contains("Early data was accepted"), outcome.get(2));
    }

    @Test
    void sClientEarlyDataIsSkippedByOurServerWithout0Rtt() throws Exception {
        // Tickets that allowed 0-RTT, redeemed at a server (same keys) that no longer accepts it.
        org.securechannel.session.TinkTicketSealer keys = org.securechannel.session.TinkTicketSealer.inMemory();
        Credentials on = serverCredentials(KeyType.EC_P256).ticketSealer(keys).earlyData(16384).build();
        Credentials off = serverCredentials(KeyType.EC_P256).ticketSealer(keys).build();
        List<String> outcome = sClientEarlyData(on, off);
        assertEquals(List.of("", ""), outcome.subList(0, 2));
        assertTrue(outcome.get(2).contains("Early data was rejected"), outcome.get(2));
    }

    private List<String> sClientEarlyData(Credentials server) throws Exception {
        return sClientEarlyData(server, server);
    }

    @Test
    void sClientResumesWithPskKeAtOurServer() throws Exception {
        Credentials server = serverCredentials(KeyType.EC_P256).pskWithoutKeyExchange(true).build();
        List<String> outcome = SClientResumption.twoConnections(server, server, List.of("-allow_no_dhe_kex"), List.of("-allow_no_dhe_kex"),
                context -> String.valueOf(context.connectionInfo().group()));
        assertTrue(!outcome.get(0).equals("null"), "the full handshake has a key exchange: " + outcome.get(0));
        assertEquals("null", outcome.get(1), "the resumption has none: psk_ke");
        assertTrue(outcome.get(2).contains("Reused, TLSv1.3"), outcome.get(2));
    }

    private List<String> sClientEarlyData(Credentials firstServer, Credentials secondServer) throws Exception {
        Path early = Files.createTempFile("early", ".txt");
        try {
            Files.writeString(early, EARLY + "\n");
            return SClientResumption.twoConnections(firstServer, secondServer, List.of(), List.of("-early_data", early.toString()),
                    context -> new String(context.takeEarlyData(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(early);
        }
    }

    @Test
    void ourEarlyDataIsAcceptedBySServer() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_3", "-naccept", "2", "-early_data"));
        BoundedClientSessionStore store = new BoundedClientSessionStore(16, Duration.ofHours(1));
        Credentials credentials = clientCredentials().clientSessionStore(store).build();
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            try (ContextStream stream = connect(server.port(), credentials)) {
                stream.handshake();
                stream.write(ascii("first\n"));
                expectOutput(server, "first");
                server.sendLine("pong");
                readUntil(stream, "pong"); // the tickets come before it
            }
            assertTrue(store.size() > 0, "s_server sent no ticket");
            try (ContextStream stream = connect(server.port(), credentials)) {
                stream.context().offerEarlyData(ascii("zero-rtt-request\n"));
                stream.handshake();
                assertTrue(stream.context().connectionInfo().resumed());
                assertEquals(EarlyDataStatus.ACCEPTED, stream.context().earlyDataStatus());
                expectOutput(server, "zero-rtt-request");
                stream.write(ascii("after\n"));
                expectOutput(server, "after");
            }
        }
    }

    @Test
    void ourClientOfferingPskKeStillResumesAtSServer() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_3", "-naccept", "2", "-allow_no_dhe_kex"));
        Credentials credentials = clientCredentials().pskWithoutKeyExchange(true)
                .clientSessionStore(new BoundedClientSessionStore(16, Duration.ofHours(1))).build();
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            for (int i = 0; i < 2; i++) {
                try (ContextStream stream = connect(server.port(), credentials)) {
                    stream.handshake();
                    assertEquals(i == 1, stream.context().connectionInfo().resumed(), "connection " + i);
                    // OpenSSL with -allow_no_dhe_kex still prefers psk_dhe_ke when both are offered: the offer of
                    // psk_ke must not get in the way of resuming.
                    stream.write(ascii("hello " + i + "\n"));
                    expectOutput(server, "hello " + i);
                    server.sendLine("pong " + i);
                    readUntil(stream, "pong " + i);
                }
            }
        }
    }
}
