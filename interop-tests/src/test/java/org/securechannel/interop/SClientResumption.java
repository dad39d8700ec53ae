package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.interop.OpenSslInteropTest.IO_TIMEOUT_MILLIS;
import static org.securechannel.interop.OpenSslInteropTest.WAIT;
import static org.securechannel.interop.OpenSslInteropTest.ascii;
import static org.securechannel.interop.OpenSslInteropTest.caFile;
import static org.securechannel.interop.OpenSslInteropTest.inBackground;
import static org.securechannel.interop.OpenSslInteropTest.listen;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.securechannel.cli.ContextStream;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;

/** {@code s_client} saving a session at our server and resuming it on a second connection (one way for every test). */
final class SClientResumption {
    private SClientResumption() {
    }

    /** What a test reads from our server's context once each handshake is done. */
    interface Observation {
        String of(SecurityContext context) throws Exception;
    }

    /**
     * Two s_client connections, the second resuming the first's session ({@code -sess_out}, {@code -sess_in}) with
     * extra arguments: returns what {@code observed} saw on our server for each, then s_client's output of the second.
     */
    static List<String> twoConnections(Credentials firstServer, Credentials secondServer, List<String> firstArgs,
            List<String> secondArgs, Observation observed) throws Exception {
        return twoConnections("-tls1_3", firstServer, secondServer, firstArgs, secondArgs, observed);
    }

    /** As above, s_client limited to one version ({@code -tls1_3} or {@code -tls1_2}). */
    static List<String> twoConnections(String versionFlag, Credentials firstServer, Credentials secondServer,
            List<String> firstArgs, List<String> secondArgs, Observation observed) throws Exception {
        Path session = Files.createTempFile("s_client", ".session");
        try (ServerSocket listener = listen()) {
            Future<List<String>> seen = inBackground(() -> {
                List<String> data = new ArrayList<>();
                for (Credentials credentials : List.of(firstServer, secondServer)) {
                    try (Socket s = listener.accept()) {
                        s.setSoTimeout(IO_TIMEOUT_MILLIS);
                        try (ContextStream stream = new ContextStream(SecurityContext.server(credentials), s, credentials, null)) {
                            stream.handshake();
                            data.add(observed.of(stream.context()));
                            stream.write(ascii("ready\n"));
                            while (stream.read() != null) {
                                // until s_client closes
                            }
                        } catch (IOException closedWithoutCloseNotify) {
                            // s_client may drop the connection once its input ends
                        }
                    }
                }
                return data;
            });
            List<String> common = List.of(versionFlag, "-CAfile", caFile.toString(), "-servername", "localhost",
                    "-verify_return_error");
            List<String> first = new ArrayList<>(common);
            first.addAll(List.of("-sess_out", session.toString()));
            first.addAll(firstArgs);
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), first)) {
                assertTrue(client.awaitOutput("ready", WAIT), client::describe);
                client.closeInput();
                client.awaitExit(WAIT);
            }
            assertTrue(Files.size(session) > 0, "s_client saved no session: no ticket arrived");
            List<String> second = new ArrayList<>(common);
            second.addAll(List.of("-sess_in", session.toString()));
            second.addAll(secondArgs);
            try (OpenSslProcess client = OpenSslProcess.client(listener.getLocalPort(), second)) {
                assertTrue(client.awaitOutput("ready", WAIT), client::describe);
                client.closeInput();
                client.awaitExit(WAIT);
                List<String> result = new ArrayList<>(seen.get(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS));
                result.add(client.describe());
                return result;
            }
        } finally {
            Files.deleteIfExists(session);
        }
    }

}
