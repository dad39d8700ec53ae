package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.3 resumption with tickets against OpenSSL 3 (RFC 8446 §2.2): {@code s_client -sess_out} then
 * {@code -sess_in} resumes at our server ("Reused, TLSv1.3"), and our client, keeping the tickets
 * {@code s_server} sends, resumes its second connection.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslTls13ResumptionTest extends OpenSslInteropTest {

    @Test
    void sClientSessionResumesAtOurServer() throws Exception {
        Credentials credentials = serverCredentials(KeyType.EC_P256).build();
        List<String> seen = SClientResumption.twoConnections(credentials, credentials, List.of(), List.of(),
                context -> String.valueOf(context.connectionInfo().resumed()));
        assertEquals(List.of("false", "true"), seen.subList(0, 2));
        assertTrue(seen.get(2).contains("Reused, TLSv1.3"), seen.get(2));
    }

    @Test
    void ourClientResumesWithSServerTickets() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_3", "-naccept", "2"));
        Credentials credentials = clientCredentials()
                .clientSessionStore(new BoundedClientSessionStore(16, Duration.ofHours(1))).build();
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            for (int i = 0; i < 2; i++) {
                try (ContextStream stream = connect(server.port(), credentials, "localhost")) {
                    stream.handshake();
                    ConnectionInfo info = stream.context().connectionInfo();
                    assertEquals(ProtocolVersion.TLS13, info.version());
                    assertEquals(i == 1, info.resumed(), "connection " + i);
                    stream.write(ascii("hello " + i + "\n"));
                    expectOutput(server, "hello " + i);
                    // The tickets come right after the handshake: reading the answer reads them first.
                    server.sendLine("pong " + i);
                    readUntil(stream, "pong " + i);
                }
            }
        }
    }

    /** Our client for {@code host} at 127.0.0.1:port, the port named to the context so tickets are kept under it. */
    private static ContextStream connect(int port, Credentials credentials, String host) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), IO_TIMEOUT_MILLIS);
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
            return new ContextStream(SecurityContext.client(credentials, host, port, null), socket, credentials, null);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
