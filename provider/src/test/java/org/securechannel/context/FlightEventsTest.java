package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

/**
 * The JFR events: recorded around engine pairs under the shipped securechannel.jfc, read back with
 * RecordingFile, with the fields SunJSSE's jdk.TLSHandshake has and ours; and nothing without the settings.
 */
class FlightEventsTest {
    private static Configuration shipped() throws Exception {
        try (Reader r = new InputStreamReader(FlightEventsTest.class.getResourceAsStream("/META-INF/securechannel.jfc"),
                StandardCharsets.UTF_8)) {
            return Configuration.create(r);
        }
    }

    private static List<RecordedEvent> record(Recording recording, Path file, ThrowingRunnable work) throws Exception {
        try (recording) {
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("org.securechannel."))
                .collect(Collectors.toList());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Test
    void theShippedSettingsRecordHandshakesValidationAndKeyUpdates(@TempDir Path dir) throws Exception {
        List<RecordedEvent> events = record(new Recording(shipped()), dir.resolve("ok.jfr"), () -> {
            Credentials client = Pairs.clientCredentials().toBuilder().peer("server.test", 8443)
                    .groups(NamedGroup.SECP384R1).build();
            // The server prefers x25519 first in its list but takes P-384 from the client's only share: no HRR.
            try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"),
                    SecurityContext.server(Pairs.serverCredentials())).handshake()) {
                p.client.requestKeyUpdate(true);
                p.transfer(p.client, new byte[] {1});
            }
        });
        List<RecordedEvent> handshakes = named(events, "org.securechannel.Handshake");
        assertEquals(2, handshakes.size(), events.toString());
        RecordedEvent client = handshakes.stream().filter(e -> "client".equals(e.getString("role"))).findFirst().orElseThrow();
        RecordedEvent server = handshakes.stream().filter(e -> "server".equals(e.getString("role"))).findFirst().orElseThrow();
        assertEquals("server.test", client.getString("peerHost"));
        assertEquals(8443, client.getInt("peerPort"));
        for (RecordedEvent e : handshakes) {
            assertEquals("TLSv1.3", e.getString("protocolVersion"));
            assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256.jsseName(), e.getString("cipherSuite"));
            assertEquals("secp384r1", e.getString("namedGroup"));
            assertEquals("ecdsa_secp256r1_sha256", e.getString("signatureScheme"));
            assertFalse(e.getBoolean("resumed"));
            assertFalse(e.getBoolean("helloRetryRequest"));
            assertFalse(e.getDuration().isNegative());
        }
        assertEquals(Pairs.serverCredentials().certificates().get(0).leaf().hashCode(), client.getLong("certificateId"));
        assertEquals(0, server.getLong("certificateId"), "no client certificate");

        RecordedEvent validation = named(events, "org.securechannel.CertificateValidation").get(0);
        assertEquals("valid", validation.getString("result"));
        assertEquals("client", validation.getString("role"));
        assertEquals(2, validation.getInt("chainLength"));
        assertTrue(validation.getString("subjects").contains("CN="), validation.getString("subjects"));

        List<RecordedEvent> updates = named(events, "org.securechannel.KeyUpdate");
        assertTrue(updates.stream().anyMatch(e -> "client".equals(e.getString("role")) && "sent".equals(e.getString("direction"))
                && "application".equals(e.getString("cause")) && e.getBoolean("updateRequested")), updates.toString());
        assertTrue(updates.stream().anyMatch(e -> "server".equals(e.getString("role"))
                && "received".equals(e.getString("direction")) && e.getBoolean("updateRequested")), updates.toString());
    }

    @Test
    void aRejectedChainRecordsTheValidationResultAndTheFailureOnBothSides(@TempDir Path dir) throws Exception {
        TestPki stranger = TestPki.ca(TestPki.KeyType.EC_P256);
        List<RecordedEvent> events = record(new Recording(shipped()), dir.resolve("fail.jfr"), () -> {
            Credentials client = Credentials.client().trustAnchors(List.of(stranger.root())).build();
            try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"),
                    SecurityContext.server(Pairs.serverCredentials()))) {
                SecurityContextException e = assertThrows(SecurityContextException.class, p::handshake);
                // The server reads the client's alert.
                ByteBuffer alert = ByteBuffer.wrap(e.alertToSend());
                assertThrows(SecurityContextException.class, () -> p.server.step(alert, ByteBuffer.allocate(4096)));
            }
        });
        RecordedEvent validation = named(events, "org.securechannel.CertificateValidation").get(0);
        assertEquals("unknown_ca", validation.getString("result"));
        assertNotNull(validation.getString("reason"));
        List<RecordedEvent> failures = named(events, "org.securechannel.HandshakeFailure");
        assertEquals(2, failures.size(), failures.toString());
        for (RecordedEvent f : failures) {
            assertEquals("unknown_ca", f.getString("alert"));
            boolean client = "client".equals(f.getString("role"));
            assertEquals(client ? "local" : "peer", f.getString("alertSentBy"));
        }
        assertTrue(named(events, "org.securechannel.Handshake").isEmpty());
    }

    @Test
    void withoutSettingsNothingIsRecorded(@TempDir Path dir) throws Exception {
        List<RecordedEvent> events = record(new Recording(), dir.resolve("none.jfr"), () -> {
            try (ContextPair p = Pairs.established()) {
                p.transfer(p.client, new byte[] {1});
            }
        });
        assertEquals(List.of(), events, "every event is disabled by default");
    }
}
