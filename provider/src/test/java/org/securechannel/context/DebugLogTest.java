package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;
import org.securechannel.testing.ContextPair;

/**
 * The debug log through java.util.logging (where System.Logger goes by default): at every level it shows the
 * handshake messages, the negotiated parameters and record headers, and never a secret or application data.
 */
class DebugLogTest {
    // Typed by what java.base knows: JulCapture itself may only load once the edge to java.logging exists.
    private AutoCloseable jul;
    private List<String> lines;

    @BeforeAll
    static void readJavaLogging() {
        // The provider's module does not read java.logging (it logs through System.Logger); this test, patched
        // into that module, routes System.Logger to java.util.logging as an application would, so it adds the edge.
        DebugLogTest.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    }

    @BeforeEach
    void captureEverything() {
        JulCapture capture = new JulCapture("org.securechannel");
        jul = capture;
        lines = capture.lines;
    }

    @AfterEach
    void restore() throws Exception {
        jul.close();
    }

    /** What a callback key log saw: every secret of the connection, in hex. */
    private static final class Secrets implements KeyLog {
        final List<String> hex = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            hex.add(HexFormat.of().formatHex(secret));
        }
    }

    enum Version {
        TLS13(CipherSuite.TLS_AES_128_GCM_SHA256), TLS12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);

        final CipherSuite suite;

        Version(CipherSuite suite) {
            this.suite = suite;
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void everyLevelShowsTheHandshakeAndNeverASecretOrApplicationData(Version version) throws Exception {
        Secrets secrets = new Secrets();
        String applicationData = "application-data-that-must-not-be-logged";
        Credentials client = Pairs.clientCredentials().toBuilder().cipherSuites(version.suite).keyLog(secrets).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"),
                SecurityContext.server(Pairs.serverCredentials())).handshake()) {
            p.transfer(p.client, applicationData.getBytes(StandardCharsets.UTF_8));
            p.transfer(p.server, applicationData.getBytes(StandardCharsets.UTF_8));
            if (version == Version.TLS13) {
                p.client.requestKeyUpdate(true);
                p.transfer(p.client, new byte[] {1});
            }
        }
        String log = String.join("\n", lines);
        assertFalse(secrets.hex.isEmpty());
        assertTrue(log.contains("sent CLIENT_HELLO"), log);
        assertTrue(log.contains("received SERVER_HELLO"), log);
        assertTrue(log.contains("server_name=localhost"), log);
        assertTrue(log.contains("handshake complete: " + (version == Version.TLS13 ? "TLSv1.3" : "TLSv1.2")), log);
        assertTrue(log.contains("inbound record: type=HANDSHAKE"), log);
        assertTrue(log.contains("outbound record: type=HANDSHAKE"), log);
        String lower = log.toLowerCase(Locale.ROOT);
        for (String secret : secrets.hex) {
            assertFalse(lower.contains(secret), "a secret appears in the log");
            assertFalse(lower.contains(secret.substring(0, 16)), "part of a secret appears in the log");
        }
        assertFalse(log.contains(applicationData), "application data appears in the log");
    }

    @Test
    void aFailureIsLoggedWithItsAlertAndCause() throws Exception {
        Credentials client = Credentials.client().trustAnchors(List.of(org.securechannel.testing.TestPki
                .ca(org.securechannel.testing.TestPki.KeyType.EC_P256).root())).build();
        try (ContextPair p = new ContextPair(SecurityContext.client(client, "localhost"),
                SecurityContext.server(Pairs.serverCredentials()))) {
            org.junit.jupiter.api.Assertions.assertThrows(SecurityContextException.class, p::handshake);
        }
        String log = String.join("\n", lines);
        assertTrue(log.contains("sending fatal alert unknown_ca"), log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssl", "ssl:handshake", "SSL", "all", "ssl:record", "ssl,keymanager"})
    void javaxNetDebugTurnsOnStandardError(String setting) {
        Level expected = setting.contains("all") || setting.contains("record") ? Level.TRACE : Level.DEBUG;
        assertEquals(expected, DebugLog.standardErrorLevel(setting));
    }

    @Test
    void otherJavaxNetDebugValuesLeaveTheLoggersAlone() {
        assertNull(DebugLog.standardErrorLevel(null));
        assertNull(DebugLog.standardErrorLevel("keymanager"));
    }

    @Test
    void theStandardErrorLoggerWritesOneLinePerMessageAtItsThreshold() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StandardErrorLogger logger = new StandardErrorLogger("org.securechannel.handshake", Level.DEBUG,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        logger.log(Level.DEBUG, "shown");
        logger.log(Level.TRACE, "hidden");
        assertFalse(logger.isLoggable(Level.TRACE));
        String out = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("javax.net.ssl|DEBUG|") && out.strip().endsWith("org.securechannel.handshake| shown"), out);
    }
}
