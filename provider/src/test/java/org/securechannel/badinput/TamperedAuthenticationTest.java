package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.securechannel.badinput.Fixtures.*;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.AlertDescription;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * A forged CertificateVerify or a wrong Finished (RFC 8446 §4.4.3, §4.4.4): decrypt_error at the receiver,
 * sent under its handshake keys; the peer that reads that alert reports PEER_ALERT decrypt_error.
 */
@Timeout(20)
class TamperedAuthenticationTest {

    private static void peerSeesAlert(SecurityContext peer, SecurityContextException failure, AlertDescription alert) {
        SecurityContextException p = expectFailure(Reason.PEER_ALERT,
                () -> peer.step(ByteBuffer.wrap(failure.alertToSend()), ByteBuffer.allocate(64 * 1024)));
        assertEquals(alert, p.peerAlert());
        assertDead(peer);
    }

    @Test
    void forgedServerCertificateVerifyIsDecryptError() throws Exception {
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().crypto(new TamperingBackend(true, -1)).build());
        byte[] flight = step(server, clientHelloRecord(client));
        SecurityContextException e = stepFails(client, flight, Reason.DECRYPT_ERROR);
        peerSeesAlert(server, e, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void wrongServerFinishedIsDecryptError() throws Exception {
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().crypto(new TamperingBackend(false, 0)).build());
        byte[] flight = step(server, clientHelloRecord(client));
        SecurityContextException e = stepFails(client, flight, Reason.DECRYPT_ERROR);
        peerSeesAlert(server, e, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void wrongClientFinishedIsDecryptError() throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().crypto(new TamperingBackend(false, 1)).build(), "localhost");
        SecurityContext server = server();
        byte[] flight = step(server, clientHelloRecord(client));
        byte[] clientFlight = step(client, flight);
        SecurityContextException e = stepFails(server, clientFlight, Reason.DECRYPT_ERROR);
        // The server's alert goes out under its application keys: the client, established, reads it with decrypt.
        SecurityContextException p = expectFailure(Reason.PEER_ALERT,
                () -> client.decrypt(ByteBuffer.wrap(e.alertToSend()), ByteBuffer.allocate(1024)));
        assertEquals(AlertDescription.DECRYPT_ERROR, p.peerAlert());
        assertDead(client);
    }

    @Test
    void forgedClientCertificateVerifyIsDecryptError() throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().crypto(new TamperingBackend(true, -1))
                .certificate(CLIENT_LEAF.chain(), CLIENT_LEAF.key()).build(), "localhost");
        SecurityContext server = SecurityContext.server(serverBuilder().clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(PKI.root())).build());
        byte[] flight = step(server, clientHelloRecord(client));
        byte[] clientFlight = step(client, flight);
        stepFails(server, clientFlight, Reason.DECRYPT_ERROR);
    }

    /** TLS 1.2: a ServerKeyExchange whose signature does not verify is decrypt_error (RFC 5246 §7.4.3). */
    @Test
    void forgedTls12ServerKeyExchangeIsDecryptError() throws Exception {
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().crypto(new TamperingBackend(true, -1))
                .cipherSuites(Credentials.DEFAULT_TLS12_SUITES).build());
        byte[] flight = step(server, clientHelloRecord(client));
        SecurityContextException e = stepFails(client, flight, Reason.DECRYPT_ERROR);
        peerSeesAlert(server, e, AlertDescription.DECRYPT_ERROR);
    }

    /**
     * TLS 1.2: a wrong client Finished is decrypt_error. The client's PRF runs on HMAC-SHA256: 4 calls for the
     * 48-byte master secret and 4 for the 40-byte AES-128-GCM key block come first, so corrupting from call 8 on
     * spoils only the verify_data.
     */
    @Test
    void wrongTls12ClientFinishedIsDecryptError() throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().crypto(new TamperingBackend(false, 8)).build(), "localhost");
        SecurityContext server = SecurityContext.server(serverBuilder().cipherSuites(Credentials.DEFAULT_TLS12_SUITES).build());
        byte[] flight = step(server, clientHelloRecord(client));
        byte[] clientFlight = step(client, flight);
        stepFails(server, clientFlight, Reason.DECRYPT_ERROR);
    }

    /** TLS 1.2: a client CertificateVerify that does not verify is decrypt_error (RFC 5246 §7.4.8). */
    @Test
    void forgedTls12ClientCertificateVerifyIsDecryptError() throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().crypto(new TamperingBackend(true, -1))
                .certificate(CLIENT_LEAF.chain(), CLIENT_LEAF.key()).build(), "localhost");
        SecurityContext server = SecurityContext.server(serverBuilder().clientAuth(Credentials.ClientAuth.REQUIRED)
                .cipherSuites(Credentials.DEFAULT_TLS12_SUITES).trustAnchors(List.of(PKI.root())).build());
        byte[] flight = step(server, clientHelloRecord(client));
        byte[] clientFlight = step(client, flight);
        stepFails(server, clientFlight, Reason.DECRYPT_ERROR);
    }

    @Test
    void missingClientCertificateWhenRequiredIsCertificateRequired() throws Exception {
        SecurityContext client = client();
        SecurityContext server = SecurityContext.server(serverBuilder().clientAuth(Credentials.ClientAuth.REQUIRED)
                .trustAnchors(List.of(PKI.root())).build());
        byte[] flight = step(server, clientHelloRecord(client));
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        client.step(ByteBuffer.wrap(flight), out);   // INCOMPLETE_CREDENTIALS
        client.step(ByteBuffer.allocate(0), out);     // go on without a certificate
        byte[] clientFlight = java.util.Arrays.copyOf(out.array(), out.position());
        stepFails(server, clientFlight, Reason.CERTIFICATE_REQUIRED);
    }
}
