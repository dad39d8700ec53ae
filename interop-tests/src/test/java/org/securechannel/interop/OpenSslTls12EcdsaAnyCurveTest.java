package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.Issued;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.2 reads an ECDSA scheme as its hash only (RFC 5246 §7.4.1.4.1, RFC 8422 §5.1.1): against OpenSSL 3, a P-384
 * key signs "ECDSA+SHA256" (0x0403) in both directions, for the ServerKeyExchange ({@code s_server -sigalgs} against
 * our client, {@code s_client -sigalgs} against our server) and for a client's CertificateVerify
 * ({@code -client_sigalgs}, and our server asking only for 0x0403).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslTls12EcdsaAnyCurveTest extends OpenSslInteropTest {
    private static final String SHA256_ONLY = "ECDSA+SHA256";
    private static Issued p384Client;
    private static Path p384ClientCert;
    private static Path p384ClientKey;

    @BeforeAll
    static void p384ClientLeaf(@TempDir Path dir) {
        p384Client = ca.issue(KeyType.EC_P384, o -> o.subject("CN=p384 client,O=SecureChannel")
                .extendedKeyUsages(TestPki.Usage.CLIENT_AUTH));
        p384ClientCert = TestPki.writePem(dir, "p384-client.pem", TestPki.pem(p384Client.chain().toArray(new X509Certificate[0])));
        p384ClientKey = TestPki.writePem(dir, "p384-client.key", TestPki.pem(p384Client.key()));
    }

    private static List<String> p384SServer(String... more) {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P384));
        args.addAll(List.of("-tls1_2", "-sigalgs", SHA256_ONLY, "-naccept", "1"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void sServerWithAP384KeySigningSha256AgainstOurClient() throws Exception {
        try (OpenSslProcess server = OpenSslProcess.server(p384SServer());
                ContextStream stream = connect(server.port(), clientCredentials().build())) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, info.signatureScheme());
            assertEquals(SERVER_LEAVES.get(KeyType.EC_P384).leaf(), stream.context().peerCertificates().get(0));
            stream.write(ascii("p384 sha256 from securechannel\n"));
            expectOutput(server, "p384 sha256 from securechannel");
            server.sendLine("p384 sha256 from openssl");
            readUntil(stream, "p384 sha256 from openssl");
        }
    }

    @Test
    void ourP384ClientCertificateSignsSha256ForSServer() throws Exception {
        Credentials creds = clientCredentials().certificate(p384Client.chain(), p384Client.key()).build();
        try (OpenSslProcess server = OpenSslProcess.server(p384SServer("-Verify", "1", "-CAfile", caFile.toString(),
                "-client_sigalgs", SHA256_ONLY));
                ContextStream stream = connect(server.port(), creds)) {
            stream.handshake();
            ConnectionInfo info = stream.context().connectionInfo();
            assertEquals(ProtocolVersion.TLS12, info.version());
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, info.clientSignatureScheme());
            stream.write(ascii("mutual p384\n"));
            expectOutput(server, "mutual p384");
            expectOutput(server, "p384 client");
            assertFalse(server.stderr().contains("verify error"), server::describe);
        }
    }

    private static List<String> sClientArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("-tls1_2", "-sigalgs", SHA256_ONLY, "-CAfile", caFile.toString(),
                "-servername", "localhost", "-verify_return_error"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void sClientOfferingOnlySha256AgainstOurP384Server() throws Exception {
        Credentials credentials = serverCredentials(KeyType.EC_P384).build();
        try (ServerSocket listener = listen()) {
            Future<Served> served = echoOnce(listener, credentials);
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), sClientArgs())) {
                client.sendLine("echo p384 sha256");
                expectOutput(client, "echo p384 sha256");
                assertTrue(client.stdout().contains("Protocol  : TLSv1.2"), client::describe);
                assertEquals("SHA256", find(client.stdout(), "Peer signing digest: (\\S+)"));
                assertEquals("ECDSA", find(client.stdout(), "Peer signature type: (\\S+)"));
                client.closeInput();
                ConnectionInfo info = await(served, WAIT).info();
                assertEquals(ProtocolVersion.TLS12, info.version());
                assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, info.signatureScheme());
            }
        }
    }

    @Test
    void sClientWithAP384CertificateSigningSha256AtOurServer() throws Exception {
        Credentials credentials = serverCredentials(KeyType.EC_P384).clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(ca.root())).signatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256).build();
        try (ServerSocket listener = listen()) {
            Future<Served> served = echoOnce(listener, credentials);
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), sClientArgs(
                    "-cert", p384ClientCert.toString(), "-key", p384ClientKey.toString()))) {
                client.sendLine("mutual p384 sha256");
                expectOutput(client, "mutual p384 sha256");
                client.closeInput();
                Served result = await(served, WAIT);
                assertEquals(p384Client.leaf(), result.peerChain().get(0));
                ConnectionInfo info = result.info();
                assertEquals(ProtocolVersion.TLS12, info.version());
                assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, info.signatureScheme());
                assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256, info.clientSignatureScheme());
            }
        }
    }
}
