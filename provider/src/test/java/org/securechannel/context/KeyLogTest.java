package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securechannel.codec.CipherSuite;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.SecretCapture;

/** The key log: labels and values per version, the NSS file format, its permissions, sharing and failures. */
class KeyLogTest {
    private static final Pattern NSS_LINE = Pattern.compile("[A-Z_0-9]+ [0-9a-f]{64} (?:[0-9a-f]{2}){32,64}");
    private static final HexFormat HEX = HexFormat.of();

    /** What a KeyLog callback received: label to "random secret" in hex, in order of arrival. */
    private static final class Recorded implements KeyLog {
        final Map<String, String> entries = Collections.synchronizedMap(new LinkedHashMap<>());
        final Set<String> randoms = Collections.synchronizedSet(new java.util.HashSet<>());

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            randoms.add(HEX.formatHex(clientRandom));
            entries.put(label, HEX.formatHex(secret));
        }
    }

    private static ContextPair pair(CipherSuite suite, KeyLog clientLog, KeyLog serverLog, SecretCapture capture)
            throws SecurityContextException {
        Credentials.Builder c = Pairs.clientCredentials().toBuilder().cipherSuites(suite).keyLog(clientLog);
        if (capture != null) {
            c.crypto(capture);
        }
        Credentials s = Pairs.serverCredentials().toBuilder().keyLog(serverLog).build();
        return new ContextPair(SecurityContext.client(c.build(), "localhost"), SecurityContext.server(s)).handshake();
    }

    @Test
    void tls13LogsEveryTrafficSecretAndTheExporterSecretAsTheScheduleDerivesThem() throws Exception {
        Recorded client = new Recorded();
        Recorded server = new Recorded();
        SecretCapture capture = new SecretCapture();
        try (ContextPair p = pair(CipherSuite.TLS_AES_256_GCM_SHA384, client, server, capture)) {
            p.transfer(p.client, new byte[] {1, 2, 3});
        }
        assertEquals(List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"), new ArrayList<>(client.entries.keySet()));
        assertEquals(client.entries, server.entries, "both sides derive the same secrets");
        assertEquals(1, client.randoms.size(), "one connection, one client random");
        assertEquals(client.randoms, server.randoms);
        assertEquals(HEX.formatHex(capture.secret("c hs traffic")), client.entries.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"));
        assertEquals(HEX.formatHex(capture.secret("s hs traffic")), client.entries.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"));
        assertEquals(HEX.formatHex(capture.secret("c ap traffic")), client.entries.get("CLIENT_TRAFFIC_SECRET_0"));
        assertEquals(HEX.formatHex(capture.secret("s ap traffic")), client.entries.get("SERVER_TRAFFIC_SECRET_0"));
        assertEquals(48 * 2, client.entries.get("EXPORTER_SECRET").length(), "SHA-384 secrets are 48 bytes");
    }

    @Test
    void tls12LogsTheMasterSecretUnderClientRandom() throws Exception {
        Recorded client = new Recorded();
        Recorded server = new Recorded();
        try (ContextPair p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, client, server, null)) {
            assertEquals(org.securechannel.codec.ProtocolVersion.TLS12, p.client.connectionInfo().version());
        }
        assertEquals(Set.of("CLIENT_RANDOM"), client.entries.keySet());
        assertEquals(48 * 2, client.entries.get("CLIENT_RANDOM").length());
        assertEquals(client.entries, server.entries);
        assertEquals(client.randoms, server.randoms);
    }

    @Test
    void aFileGetsOneNssLinePerSecretAndIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        KeyLog log = KeyLog.toFile(file);
        try (ContextPair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, log, null, null)) {
            assertTrue(p.client.isEstablished());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(NSS_LINE.matcher(line).matches(), line);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void linesFromManyThreadsNeverInterleave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.log");
        KeyLog log = KeyLog.toFile(file);
        int threads = 8;
        int perThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] random = new byte[32];
                java.util.Arrays.fill(random, (byte) t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.log("CLIENT_TRAFFIC_SECRET_0", random, new byte[48]);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(threads * perThread, lines.size());
        for (String line : lines) {
            assertTrue(NSS_LINE.matcher(line).matches(), line);
        }
    }

    @Test
    void aKeyLogThatCannotBeWrittenNeverBreaksAHandshake(@TempDir Path dir) throws Exception {
        // A directory cannot be opened for appending: every write fails.
        KeyLog broken = KeyLog.toFile(dir);
        KeyLog throwing = (label, random, secret) -> {
            throw new IllegalStateException("a callback that fails");
        };
        try (ContextPair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, broken, throwing, null)) {
            assertEquals(3, p.transfer(p.client, new byte[] {1, 2, 3}).length);
        }
    }

    @Test
    void theSecurityPropertyTurnsItOnAndTheEnvironmentCountsOnlyWhenAllowed(@TempDir Path dir) {
        String file = dir.resolve("from-property.log").toString();
        String envFile = dir.resolve("from-env.log").toString();
        String before = Security.getProperty(KeyLogSettings.FILE_PROPERTY);
        String allowBefore = Security.getProperty(KeyLogSettings.ALLOW_ENVIRONMENT_PROPERTY);
        try {
            Security.setProperty(KeyLogSettings.FILE_PROPERTY, "");
            Security.setProperty(KeyLogSettings.ALLOW_ENVIRONMENT_PROPERTY, "false");
            assertNull(KeyLogSettings.configured(name -> envFile), "SSLKEYLOGFILE alone is ignored");
            Security.setProperty(KeyLogSettings.ALLOW_ENVIRONMENT_PROPERTY, "true");
            KeyLog fromEnv = KeyLogSettings.configured(name -> name.equals("SSLKEYLOGFILE") ? envFile : null);
            assertEquals(Path.of(envFile), ((KeyLogFile) fromEnv).path());

            Security.setProperty(KeyLogSettings.FILE_PROPERTY, file);
            KeyLog configured = KeyLogSettings.configured(name -> envFile);
            assertEquals(Path.of(file), ((KeyLogFile) configured).path(), "the property wins over the environment");
            assertNotNull(Credentials.client().build().keyLog(), "Credentials pick the property up");
            KeyLog own = (l, r, s) -> { };
            assertEquals(own, Credentials.client().keyLog(own).build().keyLog(), "code wins over the property");
        } finally {
            Security.setProperty(KeyLogSettings.FILE_PROPERTY, before == null ? "" : before);
            Security.setProperty(KeyLogSettings.ALLOW_ENVIRONMENT_PROPERTY, allowBefore == null ? "false" : allowBefore);
        }
        assertNull(Credentials.client().build().keyLog(), "off by default");
    }
}
