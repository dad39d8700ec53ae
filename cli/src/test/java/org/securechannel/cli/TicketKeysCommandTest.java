package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ticket-keys} walks a keyset file through a rotation, prints ids and statuses but never key material, and
 * {@code server --ticket-keys} refuses to start on a file it cannot use, in one line naming it.
 */
class TicketKeysCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
        static Run of(String... args) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            int status = Main.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }

    @Test
    void newRotateRetireList() throws Exception {
        String file = dir.resolve("tickets.json").toString();
        Run created = Run.of("ticket-keys", "new", file);
        assertEquals(0, created.status, created.err);
        assertEquals(1, created.lines().size());
        assertTrue(created.out.trim().endsWith("ENABLED primary"), created.out);

        Run rotated = Run.of("ticket-keys", "rotate", file);
        assertEquals(0, rotated.status, rotated.err);
        assertEquals(2, rotated.lines().size());
        assertTrue(rotated.lines().get(0).endsWith("ENABLED"), "the old key still opens: " + rotated.out);
        assertTrue(rotated.lines().get(1).endsWith("ENABLED primary"), rotated.out);

        Run retired = Run.of("ticket-keys", "retire", file);
        assertEquals(0, retired.status, retired.err);
        assertTrue(retired.lines().get(0).endsWith("DISABLED"), retired.out);

        Run listed = Run.of("ticket-keys", "list", file);
        assertEquals(retired.out, listed.out);
        String json = Files.readString(Path.of(file));
        String key = json.substring(json.indexOf("\"value\""), json.indexOf("\"value\"") + 40);
        assertFalse(listed.out.contains("value") || listed.out.contains(key.substring(10)), "no key material printed");
    }

    @Test
    void stagedRotationInTwoSteps() {
        String file = dir.resolve("tickets.json").toString();
        assertEquals(0, Run.of("ticket-keys", "new", file).status);
        Run added = Run.of("ticket-keys", "add", file);
        assertEquals(0, added.status, added.err);
        assertTrue(added.lines().get(0).endsWith("ENABLED primary") && added.lines().get(1).endsWith("ENABLED"), added.out);
        Run promoted = Run.of("ticket-keys", "promote", file);
        assertEquals(0, promoted.status, promoted.err);
        assertTrue(promoted.lines().get(0).endsWith("ENABLED") && promoted.lines().get(1).endsWith("ENABLED primary"),
                promoted.out);
    }

    @Test
    void encryptedUnderAKekFile() {
        String kek = dir.resolve("kek.json").toString();
        String file = dir.resolve("tickets.json").toString();
        assertEquals(0, Run.of("ticket-keys", "new", kek).status);
        assertEquals(0, Run.of("ticket-keys", "new", file, "--kek", kek).status);
        assertEquals(0, Run.of("ticket-keys", "rotate", file, "--kek=" + kek).status);
        assertEquals(2, Run.of("ticket-keys", "list", file, "--kek", kek).lines().size());
        Run withoutKek = Run.of("ticket-keys", "list", file);
        assertEquals(1, withoutKek.status);
        assertTrue(withoutKek.err.contains(file), withoutKek.err);
    }

    @Test
    void mistakesAreOneLine() {
        String file = dir.resolve("tickets.json").toString();
        assertEquals(2, Run.of("ticket-keys").status);
        assertEquals(2, Run.of("ticket-keys", "shuffle", file).status);
        assertEquals(2, Run.of("ticket-keys", "list", file, "--force").status);
        assertEquals(0, Run.of("ticket-keys", "new", file).status);
        Run again = Run.of("ticket-keys", "new", file);
        assertEquals(1, again.status, "never overwrites a keyset");
        assertEquals(1, again.err.lines().count(), again.err);
        assertTrue(again.err.contains(file) && again.err.contains("already exists"), again.err);
    }

    @Test
    void aServerDoesNotStartOnABadKeysetFile() throws Exception {
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "not json");
        Run run = Run.of("server", "--port", "0", "--ticket-keys", junk.toString());
        assertEquals(2, run.status, run.err);
        assertEquals(1, run.err.lines().count(), run.err);
        assertTrue(run.err.contains("ticket keys " + junk), run.err);
        assertFalse(run.out.contains("ACCEPT"), "never listening");
        assertEquals(2, Run.of("server", "--port", "0", "--ticket-kek", junk.toString()).status, "a KEK alone");
    }

    @Test
    void aServerStartsWithAGoodKeysetFile() throws Exception {
        Path file = dir.resolve("tickets.json");
        assertEquals(0, Run.of("ticket-keys", "new", file.toString()).status);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerCommand server = ServerCommand.start(List.of("--port", "0", "--ticket-keys", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            assertTrue(server.port() > 0);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ACCEPT 127.0.0.1:"));
        }
    }
}
