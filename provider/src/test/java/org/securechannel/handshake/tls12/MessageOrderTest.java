package org.securechannel.handshake.tls12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.HandshakeType;
import org.securechannel.handshake.TestHandshakeConfigs;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.handshake.MessageOrderWalk;
import org.securechannel.record.RecordLayer;

/**
 * TLS 1.2's rows of the message-order table: each state names the row RFC 5246 §7.3 allows, and every other
 * handshake type, whatever its body, is unexpected_message before the state parses anything.
 */
@Timeout(10)
public class MessageOrderTest {
    private static Tls12Handshake handshake(boolean client) {
        return Tls12Handshake.server(TestHandshakeConfigs.defaults(client), new RecordLayer());
    }

    private record Row(String name, boolean client, Supplier<State> state, Set<HandshakeType> legal) {
    }

    private static final CertificateRequested ASKED = new CertificateRequested(List.of(), List.of());

    private static final List<Row> TABLE = List.of(
            new Row("ClientExpectServerHello", true, () -> new ClientExpectServerHello(null, null), EnumSet.of(HandshakeType.SERVER_HELLO)),
            new Row("ClientExpectCertificate", true, () -> new ClientExpectCertificate(null), EnumSet.of(HandshakeType.CERTIFICATE)),
            new Row("ClientExpectServerKeyExchange", true, () -> new ClientExpectServerKeyExchange(null, null),
                    EnumSet.of(HandshakeType.SERVER_KEY_EXCHANGE)),
            new Row("ClientExpectServerHelloDone", true, () -> new ClientExpectServerHelloDone(null, null, null, null),
                    EnumSet.of(HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE)),
            new Row("ClientExpectServerHelloDone after a request", true, () -> new ClientExpectServerHelloDone(null, null, null, ASKED),
                    EnumSet.of(HandshakeType.SERVER_HELLO_DONE)),
            new Row("ClientAwaitCredentials", true, () -> new ClientAwaitCredentials(new ClientFlight(null, null, null, ASKED)),
                    EnumSet.noneOf(HandshakeType.class)),
            new Row("ClientExpectNewSessionTicket", true,
                    () -> new ClientExpectNewSessionTicket(new Finishing(true, null, null, List.of(), null, false)),
                    EnumSet.of(HandshakeType.NEW_SESSION_TICKET)),
            new Row("ExpectChangeCipherSpec", true, () -> new ExpectChangeCipherSpec(new Finishing(true, null, null, List.of(), null, false)),
                    EnumSet.noneOf(HandshakeType.class)),
            new Row("ExpectFinished", false, () -> new ExpectFinished(new Finishing(false, null, null, List.of(), null, true)), EnumSet.of(HandshakeType.FINISHED)),
            new Row("Connected (client)", true, () -> Connected.OPEN, EnumSet.of(HandshakeType.HELLO_REQUEST)),
            new Row("Connected (server)", false, () -> Connected.OPEN, EnumSet.of(HandshakeType.CLIENT_HELLO)),
            new Row("Closed", false, () -> Connected.CLOSED, EnumSet.noneOf(HandshakeType.class)),
            new Row("ServerExpectClientHello", false, ServerExpectClientHello::new, EnumSet.of(HandshakeType.CLIENT_HELLO)),
            new Row("ServerExpectClientCertificate", false, () -> new ServerExpectClientCertificate(null, null),
                    EnumSet.of(HandshakeType.CERTIFICATE)),
            new Row("ServerExpectClientKeyExchange", false, () -> new ServerExpectClientKeyExchange(null, null, List.of()),
                    EnumSet.of(HandshakeType.CLIENT_KEY_EXCHANGE)),
            new Row("ServerExpectCertificateVerify", false, () -> new ServerExpectCertificateVerify(null, null, List.of()),
                    EnumSet.of(HandshakeType.CERTIFICATE_VERIFY)));

    /** The rows this test names, for MessageOrderTableTest's check that every row of the table has a state. */
    public static Set<MessageOrder> rowsCovered() {
        Set<MessageOrder> rows = EnumSet.noneOf(MessageOrder.class);
        TABLE.forEach(r -> rows.add(r.state.get().order(r.client)));
        return rows;
    }

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
                    m -> Tls12Handshake.receiveIn(handshake(row.client), row.state.get(), m), problems);
        }
        assertTrue(checked > 100);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
