package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tink ticket sealer: what seals opens, what is not ours (garbage, truncated, tampered, another keyset, a
 * disabled key) opens to nothing and never throws, and a keyset file shared by two sealers, rotated, retired and
 * broken while they run.
 */
class TinkTicketSealerTest {
    private static final byte[] STATE = "a session state".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** A clock the test moves, and the problems a sealer reported. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> problems = new ArrayList<>();

    private TinkTicketSealer watching(Path file, Path kek) throws TicketKeysException {
        return TinkTicketSealer.fromFile(file, kek, Duration.ofSeconds(5), nanos::get, problems::add);
    }

    private void pass(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static long keyIdOf(byte[] ticket) {
        assertEquals(1, ticket[0], "Tink's TINK prefix starts with version byte 1");
        return Integer.toUnsignedLong(ByteBuffer.wrap(ticket, 1, 4).getInt());
    }

    private static long primaryOf(List<TicketKeyInfo> keys) {
        return keys.stream().filter(TicketKeyInfo::primary).findFirst().orElseThrow().id();
    }

    @Test
    void sealsWithThePrimaryAndOpens() {
        TinkTicketSealer sealer = TinkTicketSealer.inMemory();
        byte[] ticket = sealer.seal(STATE);
        assertEquals(STATE.length + TinkTicketSealer.OVERHEAD, ticket.length);
        assertEquals(primaryOf(sealer.keys()), keyIdOf(ticket), "the ticket names the key that sealed it");
        assertArrayEquals(STATE, sealer.open(ticket).orElseThrow());
        assertFalse(Arrays.equals(ticket, sealer.seal(STATE)), "a fresh nonce per ticket");
        assertThrows(IllegalArgumentException.class, () -> sealer.seal(new byte[sealer.maxPlaintextLength() + 1]));
        assertEquals(0xFFFF, sealer.seal(new byte[sealer.maxPlaintextLength()]).length, "the largest state still fits");
    }

    @Test
    void whatIsNotOursOpensToNothingAndNeverThrows() {
        TinkTicketSealer sealer = TinkTicketSealer.inMemory();
        byte[] ticket = sealer.seal(STATE);
        for (int n = 0; n < ticket.length; n++) {
            assertEquals(Optional.empty(), sealer.open(Arrays.copyOf(ticket, n)), "truncated to " + n);
        }
        for (int i = 0; i < ticket.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] t = ticket.clone();
                t[i] ^= (byte) (1 << bit);
                assertEquals(Optional.empty(), sealer.open(t), "bit " + bit + " of byte " + i);
            }
        }
        Random random = new Random(12);
        for (int n = 0; n < 300; n++) {
            byte[] garbage = new byte[n];
            random.nextBytes(garbage);
            if (n > 5) {
                System.arraycopy(ticket, 0, garbage, 0, 5); // even with our key's prefix in front
            }
            assertEquals(Optional.empty(), sealer.open(garbage));
        }
        assertEquals(Optional.empty(), sealer.open(null));
        assertEquals(Optional.empty(), TinkTicketSealer.inMemory().open(ticket), "another process's keys");
    }

    @Test
    void twoSealersOnOneFileOpenEachOthersTicketsThroughRotationUntilRetire() throws Exception {
        Path file = dir.resolve("ticket-keys.json");
        List<TicketKeyInfo> created = TinkTicketKeys.create(file, null);
        assertEquals(1, created.size());
        TinkTicketSealer a = watching(file, null);
        TinkTicketSealer b = watching(file, null);
        byte[] old = a.seal(STATE);
        assertArrayEquals(STATE, b.open(old).orElseThrow(), "a ticket of one server resumes on the other");

        List<TicketKeyInfo> rotated = TinkTicketKeys.rotate(file, null);
        assertEquals(2, rotated.size());
        long newPrimary = primaryOf(rotated);
        assertNotEquals(primaryOf(created), newPrimary);
        assertEquals(primaryOf(created), keyIdOf(a.seal(STATE)), "not re-read before the poll interval");
        pass(Duration.ofSeconds(5));
        byte[] fresh = a.seal(STATE);
        assertEquals(newPrimary, keyIdOf(fresh), "the new primary seals once the file is re-read");
        assertArrayEquals(STATE, a.open(old).orElseThrow(), "the old key still opens");
        assertArrayEquals(STATE, b.open(fresh).orElseThrow());

        List<TicketKeyInfo> retired = TinkTicketKeys.retire(file, null);
        assertEquals(List.of("DISABLED", "ENABLED"), retired.stream().map(TicketKeyInfo::status).toList());
        pass(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), b.open(old), "a retired key's ticket is a full handshake");
        assertArrayEquals(STATE, b.open(fresh).orElseThrow());
        assertEquals(List.of(), problems);

        List<TicketKeyInfo> removed = TinkTicketKeys.retire(file, null);
        assertEquals(List.of(new TicketKeyInfo(newPrimary, "ENABLED", true)), removed, "a second retire removes it");
        assertEquals(removed, TinkTicketKeys.list(file, null));
    }

    @Test
    void stagedRotationAddsAnOpeningKeyThenPromotesIt() throws Exception {
        Path file = dir.resolve("staged.json");
        long first = primaryOf(TinkTicketKeys.create(file, null));
        List<TicketKeyInfo> added = TinkTicketKeys.add(file, null);
        assertEquals(first, primaryOf(added), "adding does not change who seals");
        long next = added.get(1).id();
        TinkTicketSealer sealer = watching(file, null);
        assertEquals(first, keyIdOf(sealer.seal(STATE)));
        List<TicketKeyInfo> promoted = TinkTicketKeys.promote(file, null);
        assertEquals(next, primaryOf(promoted));
        assertTrue(sealer.reload());
        assertEquals(next, keyIdOf(sealer.seal(STATE)));
        assertThrows(TicketKeysException.class, () -> TinkTicketKeys.promote(dir.resolve("one.json"), null), "no file");
        TinkTicketKeys.create(dir.resolve("one.json"), null);
        TicketKeysException e = assertThrows(TicketKeysException.class, () -> TinkTicketKeys.promote(dir.resolve("one.json"), null));
        assertTrue(e.getMessage().contains("add one first"), e.getMessage());
    }

    @Test
    void aBrokenFileIsReportedOnceAndTheLastGoodKeysStay() throws Exception {
        Path file = dir.resolve("keys.json");
        TinkTicketKeys.create(file, null);
        TinkTicketSealer sealer = watching(file, null);
        byte[] ticket = sealer.seal(STATE);
        String good = Files.readString(file);

        Files.writeString(file, good.substring(0, good.length() / 2));
        pass(Duration.ofSeconds(6));
        assertArrayEquals(STATE, sealer.open(ticket).orElseThrow(), "still the keys loaded before");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(file.toString()), problems.get(0));
        pass(Duration.ofSeconds(6));
        sealer.seal(STATE);
        assertEquals(1, problems.size(), "the same broken file is reported once");

        Files.delete(file);
        pass(Duration.ofSeconds(6));
        assertArrayEquals(STATE, sealer.open(ticket).orElseThrow());
        assertEquals(2, problems.size(), "a missing file is a new problem: " + problems);

        Files.writeString(file, good);
        TinkTicketKeys.rotate(file, null);
        assertTrue(sealer.reload(), "a repaired file is loaded");
        assertArrayEquals(STATE, sealer.open(ticket).orElseThrow());
        for (String p : problems) {
            assertFalse(p.contains(valueOf(good)), "no key material in a report");
        }
    }

    /** The base64 key value inside a clear keyset JSON. */
    private static String valueOf(String json) {
        int at = json.indexOf("\"value\"");
        int start = json.indexOf('"', at + 7) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    @Test
    void aServerDoesNotStartOnABadFile() throws Exception {
        Path missing = dir.resolve("missing.json");
        TicketKeysException e = assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(missing));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"primaryKeyId\": 1, \"key\": [");
        e = assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(junk));
        assertTrue(e.getMessage().startsWith("ticket keys " + junk), e.getMessage());

        Path created = dir.resolve("exists.json");
        TinkTicketKeys.create(created, null);
        assertThrows(TicketKeysException.class, () -> TinkTicketKeys.create(created, null), "never overwrites keys");
    }

    @Test
    void encryptedUnderAKeyEncryptionKeyset() throws Exception {
        Path kek = dir.resolve("kek.json");
        Path file = dir.resolve("tickets.json");
        TinkTicketKeys.create(kek, null);
        TinkTicketKeys.create(file, kek);
        String json = Files.readString(file);
        assertTrue(json.contains("encryptedKeyset"), json);
        assertFalse(json.contains("\"value\""), "no key in clear");

        TinkTicketSealer a = TinkTicketSealer.fromFile(file, kek);
        byte[] ticket = a.seal(STATE);
        TinkTicketKeys.rotate(file, kek);
        assertArrayEquals(STATE, TinkTicketSealer.fromFile(file, kek).open(ticket).orElseThrow());
        assertEquals(2, TinkTicketKeys.list(file, kek).size());

        assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(file), "needs its KEK");
        Path otherKek = dir.resolve("other-kek.json");
        TinkTicketKeys.create(otherKek, null);
        TicketKeysException e = assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(file, otherKek));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void sessionTicketsRedeemOnlyLiveSessionsOfOurs() {
        TinkTicketSealer sealer = TinkTicketSealer.inMemory();
        SessionTickets tickets = new SessionTickets(sealer);
        SessionState state = SessionStateTest.tls13(1_000_000L, 3600);
        byte[] ticket = tickets.issue(state).orElseThrow();
        assertEquals(state, tickets.redeem(ticket, 1_000_000L + 3_599_999L).orElseThrow());
        assertEquals(Optional.empty(), tickets.redeem(ticket, 1_000_000L + 3_600_000L), "expired");
        assertEquals(Optional.empty(), tickets.redeem(new byte[40], 1_000_000L));
        // A sealed plaintext that is not a session state (a bug, or a stolen key) is a full handshake too.
        assertEquals(Optional.empty(), tickets.redeem(sealer.seal(new byte[] {9, 9, 9}), 1_000_000L));
        // A peer chain too long for a ticket gets no ticket rather than an error.
        SessionState huge = new SessionState(state.version(), state.suite(), null, null, null, 0, 60, 0, 0,
                state.secret(), null, null, List.of(new byte[40_000], new byte[40_000]));
        assertEquals(Optional.empty(), tickets.issue(huge));
    }
}
