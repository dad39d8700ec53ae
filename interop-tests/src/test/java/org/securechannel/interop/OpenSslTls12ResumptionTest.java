package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.cli.ContextStream;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
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

    /** s_server caches sessions and issues tickets: our client resumes by ticket or by ID, whichever it offers. */
    @Test
    void ourClientResumesWithSServer() throws Exception {
        ourClientResumesWith(List.of());
    }

    /** s_server without a session cache: only the RFC 5077 ticket our client keeps and offers can resume. */
    @Test
    void ourClientResumesWithSServerByTicket() throws Exception {
        ourClientResumesWith(List.of("-no_cache"));
    }

    private void ourClientResumesWith(List<String> serverArgs) throws Exception {
        List<String> args = new ArrayList<>(serverCertArgs(KeyType.EC_P256));
        args.addAll(List.of("-tls1_2", "-naccept", "2"));
        args.addAll(serverArgs);
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
        List<String> seen = SClientResumption.twoConnections("-tls1_2", credentials, credentials, extra, extra,
                context -> String.valueOf(context.connectionInfo().resumed()));
        assertEquals(List.of("false", "true"), seen.subList(0, 2), seen.get(2));
        assertTrue(seen.get(2).contains("Reused, TLSv1.2"), seen.get(2));
    }
}
