package org.securechannel.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.testing.Pipe;

/**
 * The engine's {@code step} and {@code decrypt} on raw peer bytes, both roles. The contexts are
 * deterministic ({@link FuzzWorld#deterministicClient}), so a flight recorded from a real peer (see
 * {@link Flights}) is still valid when replayed in a later run: the committed seeds complete the handshake
 * and reach decrypt, and the fuzzer mutates from there.
 *
 * <p>Input: one byte selecting how the bytes are delivered (0: all at once, n: at most 16n more bytes per
 * step call, to reach INCOMPLETE_MESSAGE), then the bytes the peer sent.
 */
class EngineFuzzTest {

    /** A client that sent its hello receives these bytes from the server: the flight, then records to decrypt. */
    @FuzzTest(maxDuration = "20s")
    void clientReceives(byte[] data) {
        Oracle.engine(() -> runClient(data));
    }

    /** A server receives these bytes from the client: hello, second flight, then records to decrypt. */
    @FuzzTest(maxDuration = "20s")
    void serverReceives(byte[] data) {
        Oracle.engine(() -> runServer(data));
    }

    /** Plaintext bytes decrypted, or -1 when the handshake did not complete. */
    static int runClient(byte[] data) throws SecurityContextException {
        try (SecurityContext client = FuzzWorld.deterministicClient(FuzzWorld.clientCredentials(false))) {
            Drive.step(client, new Pipe(), null, 0);
            return feed(client, data);
        }
    }

    static int runServer(byte[] data) throws SecurityContextException {
        try (SecurityContext server = FuzzWorld.deterministicServer(FuzzWorld.serverCredentials())) {
            return feed(server, data);
        }
    }

    private static int feed(SecurityContext ctx, byte[] data) throws SecurityContextException {
        if (data.length == 0) {
            return -1;
        }
        Pipe in = new Pipe();
        in.write(java.util.Arrays.copyOfRange(data, 1, data.length));
        if (!Drive.step(ctx, in, null, 16 * (data[0] & 0xFF))) {
            return -1;
        }
        return Drive.decrypt(ctx, in, null);
    }

    /** The committed seeds are the flights recorded today: the contexts are still deterministic. */
    @Test
    void committedFlightsAreTodaysAndComplete() throws Exception {
        Flights f = Flights.record();
        byte[] toClient = seed("clientReceives/valid-server-flight");
        byte[] toServer = seed("serverReceives/valid-client-flight");
        assertArrayEquals(withDelivery(0, f.serverToClient()), toClient, "the recorded server flight changed");
        assertArrayEquals(withDelivery(0, f.clientToServer()), toServer, "the recorded client flight changed");
        // Both roles get through the handshake and decrypt the data that follows (two messages each).
        assertTrue(runClient(toClient) > 40, "client decrypted too little");
        assertTrue(runServer(toServer) > 40, "server decrypted too little");
    }

    static byte[] withDelivery(int chunks, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) chunks;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream s = EngineFuzzTest.class.getResourceAsStream("EngineFuzzTestInputs/" + name)) {
            if (s == null) {
                throw new AssertionError("missing seed " + name + " (write seeds with -Dfuzz.writeSeeds=true)");
            }
            return s.readAllBytes();
        }
    }
}
