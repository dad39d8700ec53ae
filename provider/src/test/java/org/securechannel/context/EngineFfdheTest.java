package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.Records;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** The RFC 7919 finite-field groups end to end, engine to engine (RFC 8446 §4.2.7, §4.2.8.1). */
class EngineFfdheTest {
    private static TestPki pki;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void pki() {
        pki = TestPki.ca(KeyType.EC_P256);
        leaf = pki.issue(KeyType.EC_P256, "ffdhe.test");
    }

    private static Credentials.Builder server() {
        return Credentials.server().certificate(leaf.chain(), leaf.key());
    }

    private static Credentials.Builder client() {
        return Credentials.client().trustAnchors(List.of(pki.root()));
    }

    private static void assertWorks(ContextPair p, NamedGroup group, boolean retry) throws Exception {
        ConnectionInfo ci = p.client.connectionInfo();
        assertEquals(group, ci.group());
        assertEquals(ci, p.server.connectionInfo());
        assertEquals(retry, ci.helloRetryRequest());
        byte[] a = ("over " + group).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(a, p.transfer(p.client, a));
        assertArrayEquals(a, p.transfer(p.server, a));
        assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-ffdhe", null, 32),
                p.server.exportKeyingMaterial("EXPORTER-ffdhe", null, 32));
    }

    /** A client with only this group, against our default server. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE3072", "FFDHE4096"})
    void eachGroup(NamedGroup group) throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().groups(group).build(), "ffdhe.test"),
                SecurityContext.server(server().build())).handshake()) {
            assertWorks(p, group, false);
        }
    }

    /** The defaults: X25519MLKEM768 and curves first on both sides, the finite-field groups last in supported_groups. */
    @Test
    void defaultsPreferCurvesAndOfferFfdheLast() throws Exception {
        assertEquals(List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                NamedGroup.SECP256R1_MLKEM768, NamedGroup.SECP384R1_MLKEM1024,
                NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096), Credentials.DEFAULT_GROUPS);
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), "ffdhe.test"),
                SecurityContext.server(server().build()))) {
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            ClientHello hello = ClientHello.parse(onlyMessage(Records.plainHandshake(p.toServer.peek())));
            assertEquals(List.of(0x11EC, 0x001D, 0x0017, 0x0018, 0x11EB, 0x11ED, 0x0100, 0x0101, 0x0102),
                    SupportedGroupsExtension.parse(hello.extension(ExtensionType.SUPPORTED_GROUPS).data()));
            p.handshake();
            assertWorks(p, NamedGroup.X25519_MLKEM768, false);
        }
    }

    /** A client whose first share is x25519 and which also offers ffdhe2048; a server with only FFDHE asks again. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE4096"})
    void helloRetryRequestToFfdhe(NamedGroup group) throws Exception {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().build(), "ffdhe.test"),
                SecurityContext.server(server().groups(group, NamedGroup.FFDHE3072).build()))) {
            p.stepOnce(p.client, p.toClient, p.toServer, p.clientStatuses, "client");
            p.stepOnce(p.server, p.toServer, p.toClient, p.serverStatuses, "server");
            ServerHello hrr = ServerHello.parse(onlyMessage(Records.plainHandshake(p.toClient.peek())));
            assertTrue(hrr.isHelloRetryRequest());
            assertEquals(group.code(), KeyShareExtension.parseHelloRetryRequest(hrr.extension(ExtensionType.KEY_SHARE).data()));
            p.handshake();
            assertWorks(p, group, true);
        }
    }

    /** A client that has only finite-field groups and whose share is not the server's first choice: no retry needed. */
    @Test
    void ffdheOnlyClientGetsAServerHelloFromTheDefaultServer() throws Exception {
        try (ContextPair p = new ContextPair(
                SecurityContext.client(client().groups(NamedGroup.FFDHE3072, NamedGroup.FFDHE2048).build(), "ffdhe.test"),
                SecurityContext.server(server().build())).handshake()) {
            assertWorks(p, NamedGroup.FFDHE3072, false);
        }
    }

    /** An FFDHE-only client against a server with only curves: nothing in common is still handshake_failure. */
    @Test
    void noCommonGroupStillFails() {
        try (ContextPair p = new ContextPair(SecurityContext.client(client().groups(NamedGroup.FFDHE2048).build(), "ffdhe.test"),
                SecurityContext.server(server().groups(NamedGroup.X25519, NamedGroup.SECP256R1).build()))) {
            SecurityContextException e = org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class, p::handshake);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason());
            assertFalse(e.alertToSend().length == 0);
        }
    }

    private static byte[] onlyMessage(byte[] handshake) {
        List<Object[]> msgs = Records.messages(handshake);
        assertEquals(1, msgs.size(), "exactly one handshake message");
        return (byte[]) msgs.get(0)[1];
    }
}
