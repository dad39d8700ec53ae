package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.testing.TestPki.KeyType;

/**
 * {@code openssl s_client -tls1_3} against our server: a {@code SecurityContext.server} on one accepted socket,
 * served on a helper thread through the CLI's ContextStream (echoing, unless a test says otherwise). s_client's
 * printout ("Cipher is", "Server Temp Key", "ALPN protocol", and with {@code -msg} every handshake message it
 * sends ">>>" and receives "<<<") is checked against our side's connectionInfo().
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslServerInteropTest extends OpenSslInteropTest {
    private static final String RECEIVED_KEY_UPDATE = "<<< TLS 1.3, Handshake [length 0005], KeyUpdate";
    private static final String SENT_KEY_UPDATE = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";

    /** What our server does with a connection once the handshake completed. */
    private interface Handler {
        void serve(ContextStream stream) throws Exception;
    }

    /** Echoes until the peer's close_notify, then answers with ours. */
    private static final Handler ECHO = stream -> {
        for (byte[] data = stream.read(); data != null; data = stream.read()) {
            stream.write(data);
        }
        stream.closeOutbound();
    };

    /** Our server for one connection on 127.0.0.1: handshake, remember what was negotiated, then the handler. */
    private static final class OurServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Future<Void> done;
        private volatile Socket socket;
        volatile ConnectionInfo info;
        volatile Optional<String> alpn;
        volatile List<X509Certificate> peerChain;

        OurServer(Credentials credentials, Handler handler) throws IOException {
            listener = listen();
            done = inBackground(() -> {
                try (Socket s = listener.accept()) {
                    socket = s;
                    s.setSoTimeout(IO_TIMEOUT_MILLIS);
                    try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                        stream.handshake();
                        info = stream.context().connectionInfo();
                        alpn = stream.context().applicationProtocol();
                        peerChain = stream.context().peerCertificates();
                        handler.serve(stream);
                    }
                }
                return null;
            });
        }

        OurServer(Credentials credentials) throws IOException {
            this(credentials, ECHO);
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Waits for the connection to be served completely; its failure fails the test. */
        void awaitDone() throws InterruptedException {
            await(done, WAIT);
        }

        /** Waits for the connection to fail, and returns why. */
        Throwable awaitFailure() throws InterruptedException {
            try {
                done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                fail("our server neither finished nor failed within " + WAIT.toSeconds() + " s");
            }
            return fail("our server was expected to fail, but served the connection");
        }

        @Override
        public void close() throws IOException {
            try {
                listener.close();
            } finally {
                Socket s = socket;
                if (s != null) {
                    s.close();
                }
                done.cancel(true);
            }
        }
    }

    /** s_client verifying our test CA for "localhost", TLS 1.3 only, plus {@code args}. */
    private static OpenSslProcess sClient(OurServer server, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-servername", "localhost", "-CAfile", caFile.toString(),
                "-verify_return_error", "-tls1_3"));
        all.addAll(List.of(args));
        return OpenSslProcess.client(server.port(), all);
    }

    /** A line through our echo and back; s_client printing it proves the whole path works. */
    private static void echo(OpenSslProcess client, String line) throws Exception {
        client.sendLine(line);
        expectOutput(client, line);
    }

    private static void expectVerified(OpenSslProcess client) throws InterruptedException {
        expectOutput(client, "Verify return code: 0 (ok)");
    }

    /** s_client ends (stdin EOF: close_notify), and our echo saw it and answered. */
    private static void closeCleanly(OpenSslProcess client, OurServer server) throws Exception {
        client.closeInput();
        expectExit(client, 0);
        server.awaitDone();
    }

    @ParameterizedTest(name = "s_client -groups {0}")
    @CsvSource({"X25519, X25519, 'X25519, 253 bits'", "P-256, SECP256R1, 'ECDH, prime256v1, 256 bits'",
        "P-384, SECP384R1, 'ECDH, secp384r1, 384 bits'", "ffdhe2048, FFDHE2048, 'DH, 2048 bits'",
        "ffdhe3072, FFDHE3072, 'DH, 3072 bits'", "ffdhe4096, FFDHE4096, 'DH, 4096 bits'"})
    void eachGroup(String opensslGroup, NamedGroup group, String tempKey) throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-groups", opensslGroup)) {
            expectVerified(client);
            echo(client, "group " + opensslGroup);
            assertEquals(tempKey, find(client.stdout(), "Server Temp Key: ([^\\r\\n]+)"));
            assertEquals(group, server.info.group());
            assertEquals(ProtocolVersion.TLS13, server.info.version());
            closeCleanly(client, server);
        }
    }

    @ParameterizedTest(name = "s_client -ciphersuites {0}")
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void eachSuite(CipherSuite suite) throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-ciphersuites", suite.name())) {
            expectVerified(client);
            echo(client, "suite " + suite);
            assertEquals(suite.name(), find(client.stdout(), "Cipher is (\\S+)"));
            assertEquals(suite, server.info.cipherSuite());
            closeCleanly(client, server);
        }
    }

    @ParameterizedTest(name = "our certificate {0}")
    @CsvSource({"EC_P256, ECDSA_SECP256R1_SHA256, ECDSA", "EC_P384, ECDSA_SECP384R1_SHA384, ECDSA",
        "RSA_2048, RSA_PSS_RSAE_SHA256, RSA-PSS", "ED25519, ED25519, ed25519"})
    void eachServerCertificateType(KeyType type, SignatureScheme scheme, String opensslType) throws Exception {
        try (OurServer server = new OurServer(serverCredentials(type).build());
                OpenSslProcess client = sClient(server)) {
            expectVerified(client);
            echo(client, "certificate " + type);
            assertEquals(opensslType, find(client.stdout(), "Peer signature type: (\\S+)"));
            assertEquals(scheme, server.info.signatureScheme());
            closeCleanly(client, server);
        }
    }

    @Test
    void helloRetryRequestWhenOurServerOnlyTakesP384() throws Exception {
        // s_client's one key share is x25519; our server takes only P-384 and asks again.
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).groups(NamedGroup.SECP384R1).build());
                OpenSslProcess client = sClient(server, "-msg")) {
            expectVerified(client);
            echo(client, "after a retry");
            assertEquals(2, count(client.stdout(), "^>>> TLS 1.3, Handshake \\[length \\w+\\], ClientHello"),
                    client::describe);
            assertEquals("ECDH, secp384r1, 384 bits", find(client.stdout(), "Server Temp Key: ([^\\r\\n]+)"));
            assertTrue(server.info.helloRetryRequest());
            assertEquals(NamedGroup.SECP384R1, server.info.group());
            closeCleanly(client, server);
        }
    }

    /**
     * s_client offering only finite-field groups, whose one key share (ffdhe2048, its first) our server does not
     * take: our server asks for ffdhe3072 by HelloRetryRequest, and OpenSSL follows.
     */
    @Test
    void helloRetryRequestToFfdhe() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256)
                .groups(NamedGroup.X25519, NamedGroup.FFDHE3072).build());
                OpenSslProcess client = sClient(server, "-groups", "ffdhe2048:ffdhe3072", "-msg")) {
            expectVerified(client);
            echo(client, "after a retry to ffdhe3072");
            assertEquals(2, count(client.stdout(), "^>>> TLS 1.3, Handshake \\[length \\w+\\], ClientHello"),
                    client::describe);
            assertEquals("DH, 3072 bits", find(client.stdout(), "Server Temp Key: ([^\\r\\n]+)"));
            assertTrue(server.info.helloRetryRequest());
            assertEquals(NamedGroup.FFDHE3072, server.info.group());
            closeCleanly(client, server);
        }
    }

    @Test
    void clientCertificateRequiredAndSent() throws Exception {
        Credentials creds = serverCredentials(KeyType.EC_P256).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(ca.root())).build();
        try (OurServer server = new OurServer(creds);
                OpenSslProcess client = sClient(server, "-cert", clientCertFile.toString(),
                        "-key", clientKeyFile.toString())) {
            expectVerified(client);
            echo(client, "mutual");
            assertEquals(clientLeaf.leaf(), server.peerChain.get(0));
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, server.info.clientSignatureScheme());
            closeCleanly(client, server);
        }
    }

    /**
     * RFC 7507: s_client connecting at TLS 1.2 with TLS_FALLBACK_SCSV (as a client retrying after a failed TLS 1.3
     * attempt would) to our server, which enables TLS 1.3: inappropriate_fallback, and a failure that names it.
     */
    @Test
    void fallbackScsvWhileWeEnableTls13IsInappropriateFallback() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = OpenSslProcess.client(server.port(), List.of("-servername", "localhost",
                        "-CAfile", caFile.toString(), "-tls1_2", "-fallback_scsv"))) {
            Throwable failure = server.awaitFailure();
            SecurityContextException e = assertInstanceOf(SecurityContextException.class, failure.getCause(),
                    failure::toString);
            assertEquals(Reason.INAPPROPRIATE_FALLBACK, e.reason(), e::toString);
            expectOutput(client, "alert inappropriate fallback");
            assertNotNull(client.awaitExit(WAIT), client::describe);
        }
    }

    @Test
    void clientCertificateRequiredButNotSent() throws Exception {
        Credentials creds = serverCredentials(KeyType.EC_P256).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(ca.root())).build();
        try (OurServer server = new OurServer(creds);
                OpenSslProcess client = sClient(server)) {
            Throwable failure = server.awaitFailure();
            SecurityContextException e = assertInstanceOf(SecurityContextException.class, failure.getCause(),
                    failure::toString);
            assertEquals(Reason.CERTIFICATE_REQUIRED, e.reason(), e::toString);
            expectOutput(client, "alert certificate required");
            Integer exit = client.awaitExit(WAIT);
            assertNotNull(exit, client::describe);
        }
    }

    @Test
    void alpnOurPreferenceWins() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).applicationProtocols("h2", "http/1.1").build());
                OpenSslProcess client = sClient(server, "-alpn", "http/1.1,h2")) {
            expectVerified(client);
            expectOutput(client, "ALPN protocol: h2");
            echo(client, "alpn");
            assertEquals(Optional.of("h2"), server.alpn);
            closeCleanly(client, server);
        }
    }

    @Test
    void keyUpdateFromOpenSsl() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-msg")) {
            expectVerified(client);
            echo(client, "before the key update");
            client.sendLine("k"); // s_client: KeyUpdate, update_not_requested
            expectOutput(client, "KEYUPDATE");
            echo(client, "after the key update");
            assertTrue(client.stdout().contains(SENT_KEY_UPDATE), client::describe);
            assertTrue(!client.stdout().contains(RECEIVED_KEY_UPDATE), "nothing was requested of us:\n" + client.describe());
            closeCleanly(client, server);
        }
    }

    @Test
    void keyUpdateRequestedByOpenSslIsAnswered() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-msg")) {
            expectVerified(client);
            echo(client, "before the key update");
            client.sendLine("K"); // s_client: KeyUpdate, update_requested
            expectOutput(client, "KEYUPDATE");
            echo(client, "after the key update"); // our read answered the KeyUpdate, then echoed
            expectOutput(client, RECEIVED_KEY_UPDATE);
            echo(client, "and after ours");
            closeCleanly(client, server);
        }
    }

    @Test
    void ourKeyUpdateRequestIsAnsweredByOpenSsl() throws Exception {
        Handler updateThenEcho = stream -> {
            readUntil(stream, "go\n");
            stream.context().requestKeyUpdate(true);
            stream.write(ascii("server updated its keys\n"));
            ECHO.serve(stream);
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), updateThenEcho);
                OpenSslProcess client = sClient(server, "-msg")) {
            expectVerified(client);
            client.sendLine("go");
            expectOutput(client, "server updated its keys");
            expectOutput(client, RECEIVED_KEY_UPDATE);
            echo(client, "under OpenSSL's new keys"); // OpenSSL's KeyUpdate goes out before this line
            expectOutput(client, SENT_KEY_UPDATE);
            closeCleanly(client, server);
        }
    }

    @Test
    void oneMebibyteFromOpenSsl() throws Exception {
        byte[] data = digitLines(MIB);
        Handler count = stream -> {
            byte[] got = readExactly(stream, MIB);
            assertArrayEquals(data, got, "what s_client sent");
            stream.write(ascii("received " + got.length + " bytes\n"));
            ECHO.serve(stream);
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), count);
                OpenSslProcess client = sClient(server)) {
            expectVerified(client);
            String text = new String(data, StandardCharsets.US_ASCII);
            for (int at = 0; at < text.length(); at += 64) {
                client.sendLine(text.substring(at, at + 63));
            }
            expectOutput(client, "received " + MIB + " bytes");
            closeCleanly(client, server);
        }
    }

    @Test
    void oneMebibyteToOpenSsl() throws Exception {
        // -quiet: s_client prints nothing but the data it receives, and its capture holds exactly 1 MiB.
        byte[] data = digitLines(MIB);
        Handler send = stream -> {
            stream.write(data);
            stream.closeOutbound();
            assertNull(stream.read(), "s_client answers our close_notify with its own");
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), send);
                OpenSslProcess client = sClient(server, "-quiet")) {
            server.awaitDone();
            expectExit(client, 0);
            // The capture thread may still be draining the pipe after the exit: wait for it, bounded.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (client.stdout().length() < MIB && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(MIB, client.stdout().length(), "bytes s_client printed");
            assertArrayEquals(data, client.stdout().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void openSslClosesFirst() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server)) {
            expectVerified(client);
            echo(client, "bye");
            closeCleanly(client, server); // ECHO returns only once read() gave null: close_notify arrived
        }
    }

    @Test
    void weCloseFirst() throws Exception {
        Handler closeFirst = stream -> {
            readUntil(stream, "hello\n");
            stream.write(ascii("goodbye\n"));
            stream.closeOutbound();
            assertNull(stream.read(), "s_client answers our close_notify with its own");
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), closeFirst);
                OpenSslProcess client = sClient(server)) {
            expectVerified(client);
            client.sendLine("hello");
            expectOutput(client, "goodbye");
            server.awaitDone();
            expectOutput(client, "\nclosed"); // s_client's word for SSL_ERROR_ZERO_RETURN: our close_notify
            expectExit(client, 0);
        }
    }

    @Test
    void untrustedServerCertificateIsRefusedByOpenSsl() throws Exception {
        Credentials creds = Credentials.server().certificate(untrustedServer.chain(), untrustedServer.key()).build();
        try (OurServer server = new OurServer(creds);
                OpenSslProcess client = sClient(server)) {
            Throwable failure = server.awaitFailure();
            SecurityContextException e = assertInstanceOf(SecurityContextException.class, failure.getCause(),
                    failure::toString);
            assertEquals(Reason.PEER_ALERT, e.reason());
            assertEquals(AlertDescription.UNKNOWN_CA, e.peerAlert());
            // Our chain ends in a root s_client does not know: "self-signed certificate in certificate chain".
            expectOutput(client, "certificate verify failed");
            Integer exit = client.awaitExit(WAIT);
            assertNotNull(exit, client::describe);
            assertNotEquals(0, exit.intValue(), client::describe);
        }
    }

    // ---------------------------------------------------------------- what OpenSSL may legitimately vary

    @Test
    void paddedRecordsFromOpenSsl() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-record_padding", "1000", "-msg")) {
            expectVerified(client);
            echo(client, "padded");
            client.sendLine("k");
            expectOutput(client, SENT_KEY_UPDATE);
            echo(client, "padded after the key update");
            closeCleanly(client, server);
        }
    }

    @Test
    void clientHandshakeSplitOverSmallRecords() throws Exception {
        // -max_send_frag 512: s_client's Certificate (leaf and CA) spans several records.
        Credentials creds = serverCredentials(KeyType.EC_P256).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(ca.root())).build();
        try (OurServer server = new OurServer(creds);
                OpenSslProcess client = sClient(server, "-cert", clientCertFile.toString(), "-key",
                        clientKeyFile.toString(), "-cert_chain", caFile.toString(), "-max_send_frag", "512")) {
            expectVerified(client);
            echo(client, "small records");
            assertEquals(clientLeaf.leaf(), server.peerChain.get(0));
            assertEquals(2, server.peerChain.size(), "leaf and CA");
            closeCleanly(client, server);
        }
    }

    // ffdhe6144: a finite-field group we lack (we have ffdhe2048-4096, and take a share for one of those as is).
    @ParameterizedTest(name = "s_client -groups {0}")
    @CsvSource({"x448:X25519, X25519", "ffdhe6144:P-256, SECP256R1"})
    void helloRetryRequestWhenTheFirstShareIsAGroupWeLack(String groups, NamedGroup expected) throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-groups", groups, "-msg")) {
            expectVerified(client);
            echo(client, "after a retry");
            assertTrue(server.info.helloRetryRequest());
            assertEquals(expected, server.info.group());
            assertEquals(2, count(client.stdout(), "^>>> TLS 1.3, Handshake \\[length \\w+\\], ClientHello"),
                    client::describe);
            closeCleanly(client, server);
        }
    }

    @Test
    void signatureSchemeChosenFromTheClientsList() throws Exception {
        try (OurServer server = new OurServer(serverCredentials(KeyType.RSA_2048).build());
                OpenSslProcess client = sClient(server, "-sigalgs", "rsa_pss_rsae_sha384:rsa_pss_rsae_sha512")) {
            expectVerified(client);
            echo(client, "sha384");
            assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA384, server.info.signatureScheme());
            assertEquals("SHA384", find(client.stdout(), "Peer signing digest: (\\S+)"));
            closeCleanly(client, server);
        }
    }

    @Test
    void noSignatureSchemeForOurCertificateFailsTheHandshake() throws Exception {
        // Our only certificate is P-256; s_client accepts only ecdsa_secp384r1_sha384 signatures.
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-sigalgs", "ecdsa_secp384r1_sha384")) {
            Throwable failure = server.awaitFailure();
            SecurityContextException e = assertInstanceOf(SecurityContextException.class, failure.getCause(),
                    failure::toString);
            assertEquals(Reason.HANDSHAKE_FAILURE, e.reason(), e::toString);
            expectOutput(client, "alert handshake failure");
        }
    }

    @Test
    void noMiddleboxCompatibility() throws Exception {
        // s_client sends an empty legacy_session_id and no change_cipher_spec.
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                OpenSslProcess client = sClient(server, "-no_middlebox", "-msg")) {
            expectVerified(client);
            echo(client, "no middlebox");
            assertEquals(0, count(client.stdout(), "^>>> TLS 1.3, ChangeCipherSpec"), client::describe);
            closeCleanly(client, server);
        }
    }

    @Test
    void aResumptionOfferFromAnotherServersSessionIsDeclined() throws Exception {
        // s_client offers a PSK (pre_shared_key, psk_key_exchange_modes) from a session with s_server; our
        // server cannot know it and must go on with a full handshake.
        java.nio.file.Path session = java.nio.file.Files.createTempFile("openssl-session", ".pem");
        try {
            try (OpenSslProcess other = OpenSslProcess.server(List.of("-cert", certFile(KeyType.EC_P256).toString(),
                    "-key", keyFile(KeyType.EC_P256).toString(), "-tls1_3", "-naccept", "1"));
                    OpenSslProcess first = OpenSslProcess.client(other.port(), List.of("-servername", "localhost",
                            "-CAfile", caFile.toString(), "-verify_return_error", "-tls1_3",
                            "-sess_out", session.toString()))) {
                expectVerified(first);
                other.sendLine("make s_client read the tickets"); // they came first; -sess_out saves them
                expectOutput(first, "make s_client read the tickets");
                first.closeInput();
                expectExit(first, 0);
            }
            assertTrue(java.nio.file.Files.size(session) > 0, "s_client saved no session");
            try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build());
                    OpenSslProcess client = sClient(server, "-sess_in", session.toString(), "-trace")) {
                expectVerified(client);
                echo(client, "full handshake");
                assertTrue(client.stdout().contains("extension_type=psk(41)"), "no PSK was offered, "
                        + "the test proves nothing:\n" + client.describe());
                assertTrue(client.stdout().contains("New, TLSv1.3"), client::describe);
                closeCleanly(client, server);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(session);
        }
    }

    // ---------------------------------------------------------------- combinations where transcripts get subtle

    @Test
    void helloRetryRequestWithSha384AndClientAuth() throws Exception {
        // The HRR turns ClientHello1 into a message_hash (SHA-384 here); the client's CertificateVerify and
        // both Finished messages cover that rewritten transcript.
        Credentials creds = serverCredentials(KeyType.EC_P384).groups(NamedGroup.SECP384R1)
                .clientAuth(Credentials.ClientAuth.REQUIRED).trustAnchors(List.of(ca.root())).build();
        try (OurServer server = new OurServer(creds);
                OpenSslProcess client = sClient(server, "-ciphersuites", "TLS_AES_256_GCM_SHA384",
                        "-cert", clientCertFile.toString(), "-key", clientKeyFile.toString())) {
            expectVerified(client);
            echo(client, "retry, sha384, mutual");
            assertTrue(server.info.helloRetryRequest());
            assertEquals(CipherSuite.TLS_AES_256_GCM_SHA384, server.info.cipherSuite());
            assertEquals(clientLeaf.leaf(), server.peerChain.get(0));
            closeCleanly(client, server);
        }
    }

    @Test
    void exportedKeyingMaterialMatchesOpenSsl() throws Exception {
        // RFC 8446 §7.5 with no context (OpenSSL's -keymatexport passes none; TLS 1.3 hashes it as empty).
        byte[][] ours = new byte[1][];
        Handler export = stream -> {
            ours[0] = stream.context().exportKeyingMaterial("EXPERIMENTAL interop", new byte[0], 32);
            ECHO.serve(stream);
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), export);
                OpenSslProcess client = sClient(server, "-keymatexport", "EXPERIMENTAL interop",
                        "-keymatexportlen", "32")) {
            expectVerified(client);
            echo(client, "exported");
            String theirs = find(client.stdout(), "Keying material: ([0-9A-Fa-f]+)");
            assertEquals(theirs.toUpperCase(java.util.Locale.ROOT), java.util.HexFormat.of().withUpperCase().formatHex(ours[0]));
            closeCleanly(client, server);
        }
    }

    @Test
    void maxFragmentLengthRequestIsIgnored() throws Exception {
        // s_client asks for 512-byte fragments (RFC 6066); a server that does not answer the extension keeps
        // full-size records, and s_client must accept them: 16 KiB in one write.
        byte[] big = new byte[16384];
        java.util.Arrays.fill(big, (byte) '7');
        big[big.length - 1] = '\n';
        Handler sendBig = stream -> {
            readUntil(stream, "go\n");
            stream.write(big);
            ECHO.serve(stream);
        };
        try (OurServer server = new OurServer(serverCredentials(KeyType.EC_P256).build(), sendBig);
                OpenSslProcess client = sClient(server, "-maxfraglen", "512")) {
            expectVerified(client);
            client.sendLine("go");
            expectOutput(client, new String(big, 0, big.length - 1, StandardCharsets.US_ASCII));
            echo(client, "after a full-size record");
            closeCleanly(client, server);
        }
    }
}
