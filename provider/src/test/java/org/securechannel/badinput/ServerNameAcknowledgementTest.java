package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;

/**
 * RFC 8446 §4.2: a client that receives an extension it did not send in its ClientHello aborts with
 * unsupported_extension. For server_name that is decided by what went out, not by what was configured: a
 * literal IP address is configured but never sent as SNI (RFC 6066 §3), so even the empty acknowledgement in
 * EncryptedExtensions must be refused.
 */
@Timeout(30)
class ServerNameAcknowledgementTest {

    /** The server's flight with EncryptedExtensions rebuilt with {@code extraFirst} in front of its extensions. */
    private static byte[] flightWithEncryptedExtensions(ForgedFlight f, Extension extraFirst) throws Exception {
        int eeLength = 4 + (((f.handshake[1] & 0xFF) << 16) | ((f.handshake[2] & 0xFF) << 8) | (f.handshake[3] & 0xFF));
        assertEquals(8, f.handshake[0], "the protected flight starts with EncryptedExtensions");
        EncryptedExtensions ee = EncryptedExtensions.parse(Arrays.copyOfRange(f.handshake, 4, eeLength));
        List<Extension> ext = new ArrayList<>(ee.extensions());
        if (extraFirst != null) {
            ext.add(0, extraFirst);
        }
        byte[] stream = concat(new EncryptedExtensions(ext).encode(), Arrays.copyOfRange(f.handshake, eeLength, f.handshake.length));
        return f.reassemble(stream, new int[0], new int[] {0});
    }

    /** A client for an IP address (its hostname check off: the test certificate names "localhost"). */
    private static ForgedFlight ipClient(String address) throws Exception {
        ForgedFlight f = new ForgedFlight(clientBuilder().hostnameVerification(false), address, serverBuilder());
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void ipAddressClientSendsNoServerName(String address) throws Exception {
        try (SecurityContext c = SecurityContext.client(clientBuilder().build(), address)) {
            assertNull(parseClientHello(clientHelloRecord(c)).extension(ExtensionType.SERVER_NAME));
        }
    }

    /** Control: the flight re-sealed unchanged completes the IP-address client, so the forging is sound. */
    @Test
    void unchangedFlightCompletesTheIpAddressClient() throws Exception {
        ForgedFlight f = ipClient("127.0.0.1");
        assertNull(EncryptedExtensions.parse(Arrays.copyOfRange(f.handshake, 4, 4 + (f.handshake[3] & 0xFF))).extension(ExtensionType.SERVER_NAME),
                "our server acknowledges no name that was not sent");
        assertEquals(Status.OK, f.client.step(ByteBuffer.wrap(flightWithEncryptedExtensions(f, null)),
                ByteBuffer.allocate(64 * 1024)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void serverNameAcknowledgedThoughNoneWasSentIsUnsupportedExtension(String address) throws Exception {
        ForgedFlight f = ipClient(address);
        stepFails(f.client, flightWithEncryptedExtensions(f, ServerNameExtension.emptyAck()), Reason.UNSUPPORTED_EXTENSION);
    }

    /** Control: the same acknowledgement after a ClientHello that did carry server_name is taken. */
    @Test
    void serverNameAcknowledgedAfterItWasSentIsTaken() throws Exception {
        ForgedFlight f = new ForgedFlight();
        int eeLength = 4 + (f.handshake[3] & 0xFF);
        assertNotNull(EncryptedExtensions.parse(Arrays.copyOfRange(f.handshake, 4, eeLength)).extension(ExtensionType.SERVER_NAME));
        assertEquals(Status.OK, f.client.step(ByteBuffer.wrap(flightWithEncryptedExtensions(f, null)),
                ByteBuffer.allocate(64 * 1024)).status());
    }
}
