package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContextException;
import org.securechannel.testing.TestPki.KeyType;

/**
 * Our client (a {@code SecurityContext.client} on a socket, through the CLI's ContextStream) against
 * {@code openssl s_server -tls1_3} on 127.0.0.1. Every connection also receives s_server's two
 * NewSessionTickets after the handshake (decrypt says RENEGOTIATE, ContextStream steps): each data exchange
 * below proves they did no harm. {@code -msg} makes s_server print each handshake message it sends (">>>")
 * and receives ("<<<"), which is how we see what OpenSSL made of our KeyUpdates and HelloRetryRequests.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslClientInteropTest extends OpenSslInteropTest {
    private static final String SENT_KEY_UPDATE = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";
    private static final String RECEIVED_KEY_UPDATE = "<<< TLS 1.3, Handshake [length 0005], KeyUpdate";

    /** s_server for one connection (-naccept 1) with the P-256 leaf unless {@code args} name another -cert. */
    private static OpenSslProcess sServer(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        if (!List.of(args).contains("-cert")) {
            all.addAll(serverCertArgs(KeyType.EC_P256));
        }
        all.addAll(List.of("-tls1_3", "-naccept", "1"));
        all.addAll(List.of(args));
        return OpenSslProcess.server(all);
    }

    /** One line each way: ours shows up on s_server's stdout, one typed into s_server's stdin reaches us. */
    private static void exchange(ContextStream stream, OpenSslProcess server, String tag) throws Exception {
        stream.write(ascii("from securechannel: " + tag + "\n"));
        expectOutput(server, "from securechannel: " + tag);
        server.sendLine("from openssl: " + tag);
        readUntil(stream, "from openssl: " + tag);
    }

    @ParameterizedTest(name = "s_server -groups {0}")
    @CsvSource({"X25519, X25519, x25519", "P-256, SECP256R1, secp256r1", "P-384, SECP384R1, secp384r1",
        "ffdhe2048, FFDHE2048, ffdhe2048", "ffdhe3072, FFDHE3072, ffdhe3072", "ffdhe4096, FFDHE4096, ffdhe4096"})
    void eachGroup(String opensslGroup, NamedGroup group, String opensslName) throws Exception {
        List<NamedGroup> groups = new ArrayList<>(List.of(group));
        Credentials.DEFAULT_GROUPS.stream().filter(g -> g != group).forEach(groups::add);
        try (OpenSslProcess server = sServer("-groups", opensslGroup);
                ContextStream stream = connect(server.port(), clientCredentials().groups(groups).build())) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertEquals(ProtocolVersion.TLS13, info.version());
            assertEquals(group, info.group());
            assertFalse(info.helloRetryRequest(), "our first share was in the server's group");
            exchange(stream, server, opensslGroup);
            assertEquals(opensslName, find(server.stdout(), "Shared groups: (\\S+)"), server::describe);
        }
    }

    @ParameterizedTest(name = "s_server -ciphersuites {0}")
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void eachSuite(CipherSuite suite) throws Exception {
        try (OpenSslProcess server = sServer("-ciphersuites", suite.name());
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            assertEquals(suite, stream.context().connectionInfo().cipherSuite());
            exchange(stream, server, suite.name());
            assertEquals(suite.name(), find(server.stdout(), "CIPHER is (\\S+)"), server::describe);
        }
    }

    @ParameterizedTest(name = "server certificate {0}")
    @CsvSource({"EC_P256, ECDSA_SECP256R1_SHA256", "EC_P384, ECDSA_SECP384R1_SHA384",
        "RSA_2048, RSA_PSS_RSAE_SHA256", "ED25519, ED25519"})
    void eachServerCertificateType(KeyType type, SignatureScheme expected) throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(type));
        try (OpenSslProcess server = sServer(args.toArray(new String[0]));
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            assertEquals(expected, stream.context().connectionInfo().signatureScheme());
            assertEquals(SERVER_LEAVES.get(type).leaf(), stream.context().peerCertificates().get(0));
            exchange(stream, server, type.name());
        }
    }

    @Test
    void helloRetryRequestWhenTheServerOnlyTakesP384() throws Exception {
        // Our client leads with an x25519 share; s_server accepts only P-384 and asks again.
        try (OpenSslProcess server = sServer("-groups", "P-384", "-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertTrue(info.helloRetryRequest());
            assertEquals(NamedGroup.SECP384R1, info.group());
            exchange(stream, server, "hrr");
            assertEquals(2, count(server.stdout(), "^<<< TLS 1.3, Handshake \\[length \\w+\\], ClientHello"),
                    server::describe);
        }
    }

    /**
     * Our default client (one x25519 share; the FFDHE groups last in supported_groups) against an s_server that
     * takes only ffdhe2048: a HelloRetryRequest, then the handshake over ffdhe2048.
     */
    @Test
    void helloRetryRequestWhenTheServerOnlyTakesFfdhe2048() throws Exception {
        try (OpenSslProcess server = sServer("-groups", "ffdhe2048", "-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertTrue(info.helloRetryRequest());
            assertEquals(NamedGroup.FFDHE2048, info.group());
            exchange(stream, server, "hrr ffdhe2048");
            assertEquals(2, count(server.stdout(), "^<<< TLS 1.3, Handshake \\[length \\w+\\], ClientHello"),
                    server::describe);
        }
    }

    @Test
    void clientCertificateRequiredAndSent() throws Exception {
        Credentials creds = clientCredentials().certificate(clientLeaf.chain(), clientLeaf.key()).build();
        try (OpenSslProcess server = sServer("-Verify", "1", "-CAfile", caFile.toString());
                ContextStream stream = connect(server.port(), creds)) {
            stream.handshake();
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, stream.context().connectionInfo().clientSignatureScheme());
            exchange(stream, server, "mutual");
            expectOutput(server, "Client certificate");
            expectOutput(server, "interop client");
            assertFalse(server.stderr().contains("verify error"), server::describe);
        }
    }

    @Test
    void clientCertificateOptionalAndNotSent() throws Exception {
        try (OpenSslProcess server = sServer("-verify", "1", "-CAfile", caFile.toString());
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake(); // INCOMPLETE_CREDENTIALS is answered with the same credentials: go on without
            assertNull(stream.context().connectionInfo().clientSignatureScheme());
            exchange(stream, server, "anonymous");
            assertFalse(server.stdout().contains("Client certificate"), server::describe);
        }
    }

    @Test
    void clientCertificateRequiredButNotSentEndsWithCertificateRequired() throws Exception {
        try (OpenSslProcess server = sServer("-Verify", "1", "-CAfile", caFile.toString());
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            // TLS 1.3: our Finished completes our side; the server's alert arrives with the first read.
            IOException e = assertThrows(IOException.class, () -> {
                stream.handshake();
                stream.read();
            });
            SecurityContextException cause = assertInstanceOf(SecurityContextException.class, e.getCause(), e::toString);
            assertEquals(Reason.PEER_ALERT, cause.reason());
            assertEquals(org.securechannel.codec.AlertDescription.CERTIFICATE_REQUIRED, cause.peerAlert());
        }
    }

    @Test
    void alpnServerPreferenceWins() throws Exception {
        try (OpenSslProcess server = sServer("-alpn", "h2,http/1.1");
                ContextStream stream = connect(server.port(),
                        clientCredentials().applicationProtocols("http/1.1", "h2").build())) {
            stream.handshake();
            assertEquals(Optional.of("h2"), stream.context().applicationProtocol());
            exchange(stream, server, "alpn");
            expectOutput(server, "ALPN protocols advertised by the client: http/1.1, h2");
        }
    }

    @Test
    void keyUpdateFromOpenSsl() throws Exception {
        try (OpenSslProcess server = sServer("-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "before");
            server.sendLine("k"); // s_server: KeyUpdate, update_not_requested
            expectOutput(server, SENT_KEY_UPDATE);
            exchange(stream, server, "after");
            assertFalse(server.stdout().contains(RECEIVED_KEY_UPDATE), "nothing was requested of us:\n" + server.describe());
        }
    }

    @Test
    void keyUpdateRequestedByOpenSslIsAnswered() throws Exception {
        try (OpenSslProcess server = sServer("-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "before");
            server.sendLine("K"); // s_server: KeyUpdate, update_requested
            expectOutput(server, SENT_KEY_UPDATE);
            server.sendLine("from openssl: under new keys");
            readUntil(stream, "from openssl: under new keys"); // our read processed the KeyUpdate and answered
            expectOutput(server, RECEIVED_KEY_UPDATE);
            exchange(stream, server, "after");
        }
    }

    @Test
    void ourKeyUpdateRequestIsAnsweredByOpenSsl() throws Exception {
        try (OpenSslProcess server = sServer("-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "before");
            stream.context().requestKeyUpdate(true);
            stream.write(ascii("from securechannel: after our key update\n"));
            expectOutput(server, RECEIVED_KEY_UPDATE);
            expectOutput(server, "from securechannel: after our key update");
            // OpenSSL owes us a KeyUpdate; it goes out before its next data.
            server.sendLine("from openssl: reply");
            readUntil(stream, "from openssl: reply");
            expectOutput(server, SENT_KEY_UPDATE);
            exchange(stream, server, "after");
        }
    }

    @Test
    void oneMebibyteToOpenSslEchoedBack() throws Exception {
        // s_server's stdout capture holds at most 1 MiB including its banner, so instead of counting printed
        // bytes we let -rev echo each line reversed: OpenSSL must have decrypted every byte to send it back.
        byte[] data = digitLines(MIB);
        try (OpenSslProcess server = sServer("-rev");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            Future<byte[]> echoed = inBackground(() -> readExactly(stream, MIB));
            stream.write(data);
            assertArrayEquals(reversedLines(data), await(echoed, Duration.ofSeconds(20)));
            // "CLOSE" makes -rev end the connection with close_notify: the server closes first.
            stream.write(ascii("CLOSE\n"));
            assertNull(stream.read());
            assertTrue(stream.peerClosed());
        }
    }

    @Test
    void oneMebibyteFromOpenSsl() throws Exception {
        byte[] data = digitLines(MIB);
        try (OpenSslProcess server = sServer();
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "before");
            Future<Void> typing = inBackground(() -> {
                String text = new String(data, StandardCharsets.US_ASCII);
                for (int at = 0; at < text.length(); at += 64) {
                    server.sendLine(text.substring(at, at + 63));
                }
                return null;
            });
            byte[] got = readExactly(stream, MIB);
            await(typing, WAIT);
            assertArrayEquals(data, got);
            exchange(stream, server, "after");
        }
    }

    @Test
    void weCloseFirstAndOpenSslAnswersWithCloseNotify() throws Exception {
        try (OpenSslProcess server = sServer();
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "bye");
            stream.closeOutbound();
            expectOutput(server, "DONE"); // s_server read our close_notify (SSL_ERROR_ZERO_RETURN)
            assertNull(stream.read(), "s_server answers with its own close_notify");
            expectExit(server, 0);
            assertFalse(server.stderr().contains("error"), server::describe);
        }
    }

    @Test
    void openSslClosesTheSocketWithoutCloseNotifyIsATruncation() throws Exception {
        // s_server's "Q" closes the TCP socket before SSL_shutdown: no close_notify, which we must not take
        // for a clean end of data.
        try (OpenSslProcess server = sServer();
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "bye");
            server.sendLine("Q");
            assertThrows(EOFException.class, stream::read);
            assertFalse(stream.peerClosed());
        }
    }

    // ---------------------------------------------------------------- what OpenSSL may legitimately vary

    @Test
    void paddedRecordsFromOpenSsl() throws Exception {
        // RFC 8446 §5.4: zeros after the content type; every record s_server sends is padded to 1000 bytes.
        try (OpenSslProcess server = sServer("-record_padding", "1000", "-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "padded");
            server.sendLine("k"); // a padded KeyUpdate too
            expectOutput(server, SENT_KEY_UPDATE); // (not "SSL_do_handshake -> 1": s_server's stdio buffers that)
            exchange(stream, server, "padded after key update");
        }
    }

    @Test
    void handshakeMessagesSplitOverSmallRecords() throws Exception {
        // -max_send_frag 512: the RSA Certificate (and more) arrives in 512-byte records; we reassemble it.
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.RSA_2048));
        args.addAll(List.of("-max_send_frag", "512"));
        try (OpenSslProcess server = sServer(args.toArray(new String[0]));
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            assertEquals(SERVER_LEAVES.get(KeyType.RSA_2048).leaf(), stream.context().peerCertificates().get(0));
            exchange(stream, server, "small records");
        }
    }

    @Test
    void noMiddleboxCompatibilityAndManyTickets() throws Exception {
        // No change_cipher_spec from the server, and five NewSessionTickets instead of two.
        try (OpenSslProcess server = sServer("-no_middlebox", "-num_tickets", "5", "-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "no middlebox");
            assertEquals(5, count(server.stdout(), "^>>> TLS 1.3, Handshake \\[length \\w+\\], NewSessionTicket"),
                    server::describe);
            assertEquals(0, count(server.stdout(), "^>>> TLS 1.3, ChangeCipherSpec"), server::describe);
        }
    }

    @Test
    void fullSizeRecordsFromOpenSsl() throws Exception {
        // Lines of 16 KiB: s_server reads them from its stdin in large chunks and sends records up to 2^14.
        byte[] data = new byte[64 * 16384];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i % 16384 == 16383) ? (byte) '\n' : (byte) ('0' + i % 10);
        }
        try (OpenSslProcess server = sServer("-msg");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "before");
            Future<Void> typing = inBackground(() -> {
                String text = new String(data, StandardCharsets.US_ASCII);
                for (int at = 0; at < text.length(); at += 16384) {
                    server.sendLine(text.substring(at, at + 16383));
                }
                return null;
            });
            assertArrayEquals(data, readExactly(stream, data.length));
            await(typing, WAIT);
            // -msg dumps each record header it sends: 17 03 03 40 11 is application data of 16384 + 1 + 16 bytes.
            assertTrue(count(server.stdout(), "^\\s+17 03 03 40 11\\s*$") > 0,
                    "no full-size record (16384 + 1 + 16 = 0x4011) was sent; the test proves less than it says");
            exchange(stream, server, "after");
        }
    }

    // ---------------------------------------------------------------- combinations where transcripts get subtle

    @Test
    void helloRetryRequestWithSha384AndClientAuth() throws Exception {
        // Our ClientHello1 becomes a SHA-384 message_hash; our CertificateVerify and Finished must cover it.
        Credentials creds = clientCredentials().certificate(clientLeaf.chain(), clientLeaf.key()).build();
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P384));
        args.addAll(List.of("-groups", "P-384", "-ciphersuites", "TLS_AES_256_GCM_SHA384", "-Verify", "1",
                "-CAfile", caFile.toString()));
        try (OpenSslProcess server = sServer(args.toArray(new String[0]));
                ContextStream stream = connect(server.port(), creds)) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertTrue(info.helloRetryRequest());
            assertEquals(CipherSuite.TLS_AES_256_GCM_SHA384, info.cipherSuite());
            assertEquals(SignatureScheme.ECDSA_SECP384R1_SHA384, info.signatureScheme());
            exchange(stream, server, "retry, sha384, mutual");
            expectOutput(server, "interop client");
        }
    }

    @Test
    void exportedKeyingMaterialMatchesOpenSsl() throws Exception {
        try (OpenSslProcess server = sServer("-keymatexport", "EXPERIMENTAL interop", "-keymatexportlen", "32");
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            exchange(stream, server, "exported");
            byte[] ours = stream.context().exportKeyingMaterial("EXPERIMENTAL interop", new byte[0], 32);
            String theirs = find(server.stdout(), "Keying material: ([0-9A-Fa-f]+)");
            assertEquals(theirs.toUpperCase(java.util.Locale.ROOT), java.util.HexFormat.of().withUpperCase().formatHex(ours));
        }
    }

    @Test
    void clientSignatureSchemeFromTheServersCertificateRequest() throws Exception {
        // s_server takes only ECDSA P-256/SHA-256 from clients: our CertificateVerify must use exactly that.
        Credentials creds = clientCredentials().certificate(clientLeaf.chain(), clientLeaf.key()).build();
        try (OpenSslProcess server = sServer("-Verify", "1", "-CAfile", caFile.toString(),
                "-client_sigalgs", "ecdsa_secp256r1_sha256");
                ContextStream stream = connect(server.port(), creds)) {
            stream.handshake();
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, stream.context().connectionInfo().clientSignatureScheme());
            exchange(stream, server, "client sigalgs");
        }
    }
}
