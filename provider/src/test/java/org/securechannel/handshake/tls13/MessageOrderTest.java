package org.securechannel.handshake.tls13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.HandshakeType;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.TestHandshakeConfigs;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.MessageOrderWalk;
import org.securechannel.record.RecordLayer;

/**
 * The legal message order as a table (s2n-tls style): for every state, every handshake type that is not
 * legal there must be refused with unexpected_message (RFC 8446 §4: "receipt of a message out of order ...
 * MUST abort the handshake with an unexpected_message alert") -- before the state looks at the body, so
 * an out-of-order message is never parsed, and no RuntimeException ever escapes.
 */
@Timeout(10)
public class MessageOrderTest {
    private static Tls13Handshake handshake(boolean client) {
        HandshakeConfig config = TestHandshakeConfigs.defaults(client);
        RecordLayer records = new RecordLayer();
        return client ? Tls13Handshake.client(config, records) : Tls13Handshake.server(config, records);
    }

    private record Row(String name, boolean client, Supplier<State> state, Set<HandshakeType> legal) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("ClientExpectServerHello", true, () -> new ClientExpectServerHello(null, null, null, null, null), EnumSet.of(HandshakeType.SERVER_HELLO)),
            new Row("ClientExpectServerHello after HRR", true, () -> new ClientExpectServerHello(null, null, org.securechannel.codec.CipherSuite.TLS_AES_128_GCM_SHA256, null, null), EnumSet.of(HandshakeType.SERVER_HELLO)),
            new Row("ClientExpectEncryptedExtensions", true, () -> new ClientExpectEncryptedExtensions(null, null, true, null), EnumSet.of(HandshakeType.ENCRYPTED_EXTENSIONS)),
            new Row("ClientExpectCertificateOrRequest", true, () -> new ClientExpectCertificateOrRequest(null, null),
                    EnumSet.of(HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_REQUEST)),
            new Row("ClientExpectCertificateOrRequest after the request", true, () -> new ClientExpectCertificateOrRequest.ExpectServerCertificate(null, null, null),
                    EnumSet.of(HandshakeType.CERTIFICATE)),
            new Row("ClientExpectCertificateVerify", true, () -> new ClientExpectCertificateVerify(null, null, null, null), EnumSet.of(HandshakeType.CERTIFICATE_VERIFY)),
            new Row("ClientExpectFinished", true, () -> new ClientExpectFinished(null, null, null, null), EnumSet.of(HandshakeType.FINISHED)),
            new Row("ClientAwaitCredentials", true, () -> new ClientAwaitCredentials(null, null), EnumSet.noneOf(HandshakeType.class)),
            new Row("Connected (client)", true, () -> new Connected(null, null, 0), EnumSet.of(HandshakeType.KEY_UPDATE, HandshakeType.NEW_SESSION_TICKET)),
            new Row("ServerExpectClientHello", false, ServerExpectClientHello::new, EnumSet.of(HandshakeType.CLIENT_HELLO)),
            new Row("ServerExpectClientCertificate", false, () -> new ServerExpectClientCertificate(null), EnumSet.of(HandshakeType.CERTIFICATE)),
            new Row("ServerExpectClientCertificateVerify", false, () -> new ServerExpectClientCertificateVerify(null, null), EnumSet.of(HandshakeType.CERTIFICATE_VERIFY)),
            new Row("ServerExpectEndOfEarlyData", false, () -> new ServerExpectEndOfEarlyData(null, null), EnumSet.of(HandshakeType.END_OF_EARLY_DATA)),
            new Row("ServerExpectClientFinished", false, () -> new ServerExpectClientFinished(null, null), EnumSet.of(HandshakeType.FINISHED)),
            new Row("Connected (server)", false, () -> new Connected(null, null, 0), EnumSet.of(HandshakeType.KEY_UPDATE)));

    /** The rows this test names, for MessageOrderTableTest's check that every row of the table has a state. */
    public static Set<MessageOrder> rowsCovered() {
        Set<MessageOrder> rows = EnumSet.noneOf(MessageOrder.class);
        TABLE.forEach(r -> rows.add(r.state.get().order(r.client)));
        return rows;
    }

    /** What each state names as its row is what the RFC allows there (this test's own column). */
    @Test
    void eachStatesRowOfTheTableIsTheLegalSet() {
        for (Row row : TABLE) {
            assertEquals(row.legal, row.state.get().order(row.client).legal(), row.name);
        }
    }

    @Test
    void everyIllegalMessageInEveryStateIsUnexpectedMessage() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Row row : TABLE) {
            checked += MessageOrderWalk.refusesEveryOtherType(row.name, row.legal,
                    m -> Tls13Handshake.receiveIn(handshake(row.client), row.state.get(), m), problems);
        }
        assertTrue(checked > 100);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void legalMessageTypeWithGarbageBodyIsAnAlertNotARuntimeException() {
        // The legal type reaches the parser: empty or short bodies must be decode_error (or another alert).
        List<String> problems = new ArrayList<>();
        for (Row row : TABLE) {
            if (row.name.contains("Finished") || row.name.startsWith("Connected")) {
                // These read the key schedule before (Finished) or instead of (a 1-byte KeyUpdate is valid)
                // failing on the body; this unit harness has no keys. The fuzz tests cover them end to end.
                continue;
            }
            for (HandshakeType type : row.legal) {
                for (int bodyLength : new int[] {0, 1, 3}) {
                    if (bodyLength == 0 && type == HandshakeType.END_OF_EARLY_DATA) {
                        continue; // the one valid body of EndOfEarlyData: the state then needs its keys
                    }
                    try {
                        Tls13Handshake.receiveIn(handshake(row.client), row.state.get(), MessageOrderWalk.message(type, bodyLength));
                        problems.add(row.name + " accepted a " + bodyLength + "-byte " + type);
                    } catch (AlertException e) {
                        if (e.alert() == AlertDescription.INTERNAL_ERROR) {
                            problems.add(row.name + ": internal_error for a " + bodyLength + "-byte " + type + ": " + e.getMessage());
                        }
                    } catch (RuntimeException e) {
                        // States built with null collaborators may hit them only after a successful parse,
                        // which these bodies never allow.
                        problems.add(row.name + " threw " + e + " for a " + bodyLength + "-byte " + type);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void driverRefusesMessagesBeforeStartAndOutOfOrder() throws Exception {
        Tls13Handshake client = handshake(true);
        AlertException before = assertThrows(AlertException.class, () -> client.receive(MessageOrderWalk.message(HandshakeType.SERVER_HELLO, 0)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, before.alert());
        client.start();
        for (HandshakeType t : List.of(HandshakeType.ENCRYPTED_EXTENSIONS, HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_VERIFY,
                HandshakeType.FINISHED, HandshakeType.NEW_SESSION_TICKET, HandshakeType.KEY_UPDATE, HandshakeType.CLIENT_HELLO)) {
            AlertException e = assertThrows(AlertException.class, () -> client.receive(MessageOrderWalk.message(t, 32)));
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert(), t.toString());
        }
        Tls13Handshake server = handshake(false);
        server.start();
        AlertException e = assertThrows(AlertException.class, () -> server.receive(MessageOrderWalk.message(HandshakeType.FINISHED, 32)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, e.alert());
        server.destroy();
        AlertException closed = assertThrows(AlertException.class, () -> server.receive(MessageOrderWalk.message(HandshakeType.CLIENT_HELLO, 0)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, closed.alert());
    }

    @Test
    void tableCoversEveryStateClass() {
        // A new state class must get a row here.
        Set<String> rows = new java.util.HashSet<>();
        for (Row r : TABLE) {
            rows.add(r.state.get().getClass().getSimpleName());
        }
        for (String s : List.of("ClientExpectServerHello", "ClientExpectEncryptedExtensions",
                "ClientExpectCertificateOrRequest", "ClientExpectCertificateVerify", "ClientExpectFinished", "ClientAwaitCredentials",
                "Connected", "ServerExpectClientHello", "ServerExpectClientCertificate", "ServerExpectClientCertificateVerify",
                "ServerExpectClientFinished")) {
            assertTrue(rows.contains(s), s);
        }
    }
}
