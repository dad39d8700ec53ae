package org.securechannel.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.Credentials;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.testing.TestPki;

/**
 * A server whose P-384 key signs with ecdsa_secp256r1_sha256 (0x0403), whatever the client asked: legal in TLS 1.2,
 * where the code point means "SHA-256 with ECDSA" on any curve (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.1), and an
 * illegal_parameter in TLS 1.3, where it means P-256 only (RFC 8446 §4.2.3). Driven below the context, so the
 * server can be made to sign what our own selectors never choose in TLS 1.3.
 */
class SignatureSchemeBindingTest {
    private static TestPki.Issued p384;

    @BeforeAll
    static void pki() {
        p384 = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P384, "localhost");
    }

    private static HandshakeConfig config(boolean client, List<CipherSuite> suites, CertificateSelector certificates) {
        return new HandshakeConfig(client, suites, Credentials.DEFAULT_GROUPS, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                List.of(), client ? "localhost" : null, ClientAuthMode.NONE, CryptoBackend.defaultBackend(),
                CryptoBackend.defaultBackend().random(), certificates, TestHandshakeConfigs.ACCEPT_ALL);
    }

    /** Signs with the P-384 key as 0x0403 when the client offers that scheme. */
    private static final CertificateSelector P384_AS_0403 = (schemes, issuers, name) ->
            schemes.contains(SignatureScheme.ECDSA_SECP256R1_SHA256)
                    ? new SelectedCertificate(p384.chain(), p384.key(), SignatureScheme.ECDSA_SECP256R1_SHA256) : null;

    private record Side(Handshake hs, RecordLayer records) {
    }

    /** Everything {@code from} queued, read by {@code to}, records opened under whatever keys {@code to} installed. */
    private static void transfer(Side from, Side to) throws AlertException {
        ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 32 && from.records.hasPendingOutput(); i++) {
            from.records.flush(wire);
        }
        wire.flip();
        for (int i = 0; i < 64 && wire.hasRemaining(); i++) {
            assertEquals(0, to.records.missing(wire), "whole records only");
            ByteBuffer content = to.records.readToScratch(wire);
            ContentType type = to.records.lastType();
            if (type == ContentType.CHANGE_CIPHER_SPEC) {
                if (to.hs.acceptsChangeCipherSpec()) {
                    to.hs.receiveChangeCipherSpec();
                }
            } else if (type == ContentType.HANDSHAKE) {
                to.records.addHandshakeFragment(content);
                for (RawHandshake m = to.records.nextHandshakeMessage(); m != null; m = to.records.nextHandshakeMessage()) {
                    to.hs.receive(m);
                }
            } else {
                throw new AssertionError("unexpected " + type + " record");
            }
        }
    }

    private static Side[] run(List<CipherSuite> suites) throws AlertException {
        RecordLayer clientRecords = new RecordLayer();
        RecordLayer serverRecords = new RecordLayer();
        Side client = new Side(new ClientVersionFront(config(true, suites, CertificateSelector.NONE), clientRecords), clientRecords);
        Side server = new Side(new ServerVersionFront(config(false, suites, P384_AS_0403), serverRecords), serverRecords);
        client.hs.start();
        for (int i = 0; i < 4 && !(client.hs.isComplete() && server.hs.isComplete()); i++) {
            transfer(client, server);
            transfer(server, client);
        }
        return new Side[] {client, server};
    }

    @Test
    void tls12ClientAcceptsAP384ServerKeyExchangeSignedWithSha256() throws AlertException {
        Side[] sides = run(Credentials.DEFAULT_TLS12_SUITES);
        assertTrue(sides[0].hs.isComplete() && sides[1].hs.isComplete(), "both sides complete");
        assertEquals(ProtocolVersion.TLS12, sides[0].hs.summary().version());
        assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, sides[0].hs.summary().serverScheme());
    }

    @Test
    void tls13ClientRefusesAP384CertificateVerifySignedAs0403WithIllegalParameter() {
        AlertException e = assertThrows(AlertException.class, () -> run(Credentials.DEFAULT_TLS13_SUITES));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.getMessage());
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }
}
