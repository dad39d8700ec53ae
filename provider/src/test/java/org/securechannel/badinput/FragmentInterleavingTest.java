package org.securechannel.badinput;

import static org.securechannel.badinput.Fixtures.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;

/**
 * RFC 8446 §5.1: no other record may come between the records of one handshake message. Found by the
 * bad-input tests (a CCS between two fragments was dropped); fixed, kept as regression tests.
 */
@Timeout(20)
class FragmentInterleavingTest {

    /**
     * Was a bug: a change_cipher_spec record between two fragments of one handshake message is silently dropped.
     * RFC 8446 §5.1: "Handshake messages MUST NOT be interleaved with other record types. That is, if a
     * handshake message is split over two or more records, there MUST NOT be any other records between
     * them." -> unexpected_message.
     * Where: TlsSecurityContext.doStep, case CHANGE_CIPHER_SPEC (and likewise ALERT is harmless since every
     * alert ends the handshake): refuse when records.hasHandshakeData() is true (a partial message is
     * buffered in the HandshakeDeframer). Here: the second ClientHello after a HelloRetryRequest (the state
     * where the server accepts the compatibility CCS), split in two records with a CCS between them; the
     * server accepts it and answers with its whole flight.
     */
    @Test
    void ccsBetweenFragmentsOfTheSecondClientHelloIsUnexpectedMessage() throws Exception {
        SecurityContext server = SecurityContext.server(serverBuilder().groups(NamedGroup.SECP256R1).build());
        SecurityContext client = client();
        byte[] hrrFlight = step(server, clientHelloRecord(client));
        ClientHello second = null;
        for (byte[] r : records(step(client, hrrFlight))) {
            if (r[0] == HANDSHAKE) {
                second = parseClientHello(r);
            }
        }
        byte[] msg = second.encode();
        int half = msg.length / 2;
        stepFails(server, concat(record(HANDSHAKE, Arrays.copyOf(msg, half)), record(CCS, new byte[] {1}),
                record(HANDSHAKE, Arrays.copyOfRange(msg, half, msg.length))), Reason.UNEXPECTED_MESSAGE);
    }

    /**
     * BUG: same as above on the client: a CCS between the two halves of the ServerHello is dropped and the
     * ServerHello accepted. RFC 8446 §5.1 -> unexpected_message. Fix: TlsSecurityContext.doStep, case
     * CHANGE_CIPHER_SPEC: `if (records.hasHandshakeData()) throw AlertException.unexpectedMessage(...)`.
     */
    @Test
    void ccsBetweenFragmentsOfTheServerHelloIsUnexpectedMessage() throws Exception {
        SecurityContext client = client();
        byte[] sh;
        try (SecurityContext server = server()) {
            List<byte[]> flight = records(step(server, clientHelloRecord(client)));
            sh = content(flight.get(0));
        }
        int half = sh.length / 2;
        stepFails(client, concat(record(HANDSHAKE, Arrays.copyOf(sh, half)), record(CCS, new byte[] {1}),
                record(HANDSHAKE, Arrays.copyOfRange(sh, half, sh.length))), Reason.UNEXPECTED_MESSAGE);
    }
}
