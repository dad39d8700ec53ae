package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.handshake.SessionCache;
import org.securechannel.testing.TestPki.KeyType;

/**
 * TLS 1.2 resumption against OpenSSL 3, both mechanisms: {@code s_client -tls1_2 -sess_out}, then {@code -sess_in},
 * resumes at our server with an RFC 5077 ticket (a server with no session cache, so only the ticket can resume it)
 * and, with {@code -no_ticket}, by session ID (RFC 5246 §7.3); our client resumes its second connection to
 * {@code s_server -tls1_2}.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpenSslTls12ResumptionTest extends OpenSslInteropTest {

    private static Credentials.Builder server12() {
        return serverCredentials(KeyType.EC_P256).cipherSuites(Credentials.DEFAULT_TLS12_SUITES);
    }

    @Test
    void sClientTicketResumesAtOurServerWithoutASessionCache() throws Exception {
        sClientResumes(server12().sessionCache(SessionCache.NONE).build(), List.of());
    }

    @Test
    void sClientSessionIdResumesAtOurServerWithoutTickets() throws Exception {
        sClientResumes(server12().sessionTickets(0).build(), List.of("-no_ticket"));
    }

    /** Tickets and session IDs both on, as by default: s_client offers its ticket and its ID, and resumes. */
    @Test
    void sClientResumesAtOurDefaultServer() throws Exception {
        sClientResumes(server12().build(), List.of());
    }

    /**
     * By session ID for now (s_server caches sessions); the client keeps tickets, so once our ClientHello carries
     * session_ticket (the hook ARCHITECTURE.md names) it resumes by ticket, also with {@code -no_cache} (tried).
     */
    @Test
    void ourClientResumesWithSServer() throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_2", "-naccept", "2"));
        Credentials credentials = clientCredentials()
                .clientSessionStore(new org.securechannel.session.BoundedClientSessionStore(16, java.time.Duration.ofHours(1))).build();
        try (OpenSslProcess server = OpenSslProcess.server(args)) {
            for (int i = 0; i < 2; i++) {
                try (ContextStream stream = connect(server.port(), credentials)) {
                    stream.handshake();
                    ConnectionInfo info = stream.context().connectionInfo();
                    assertEquals(ProtocolVersion.TLS12, info.version());
                    assertEquals(i == 1, info.resumed(), "connection " + i);
                    stream.write(ascii("hello " + i + "\n"));
                    expectOutput(server, "hello " + i);
                }
            }
        }
    }

    /** Two s_client runs against one server: the first saves its session, the second must print "Reused, TLSv1.2". */
    private static void sClientResumes(Credentials credentials, List<String> extra) throws Exception {
        Path session = Files.createTempFile("s_client12", ".session");
        try (ServerSocket listener = listen()) {
            Future<List<Boolean>> resumed = inBackground(() -> {
                List<Boolean> seen = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    try (Socket s = listener.accept()) {
                        s.setSoTimeout(IO_TIMEOUT_MILLIS);
                        try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                            stream.handshake();
                            seen.add(stream.context().connectionInfo().resumed());
                            stream.write(ascii("ready\n"));
                            while (stream.read() != null) {
                                // until s_client closes
                            }
                        } catch (IOException closedWithoutCloseNotify) {
                            // s_client may drop the connection once its input ends; the handshake is what counts
                        }
                    }
                }
                return seen;
            });
            List<String> common = new ArrayList<>(List.of("-tls1_2", "-CAfile", caFile.toString(), "-servername", "localhost",
                    "-verify_return_error"));
            common.addAll(extra);
            List<String> first = new ArrayList<>(common);
            first.addAll(List.of("-sess_out", session.toString()));
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), first)) {
                assertTrue(client.awaitOutput("ready", WAIT), client::describe);
                client.closeInput();
                client.awaitExit(WAIT);
            }
            assertTrue(Files.size(session) > 0, "s_client saved no session");
            List<String> second = new ArrayList<>(common);
            second.addAll(List.of("-sess_in", session.toString()));
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), second)) {
                assertTrue(client.awaitOutput("Reused, TLSv1.2", WAIT), client::describe);
                client.closeInput();
                assertEquals(List.of(false, true), resumed.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS), client::describe);
            }
        } finally {
            Files.deleteIfExists(session);
        }
    }
}
