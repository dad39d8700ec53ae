package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.JsonKeysetReader;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our keyset AEAD and Tink's are interchangeable ticket for ticket: over the same keyset each opens what the other
 * seals (so a fleet with servers still running Tink's AEAD keeps resuming), through a rotation; and both refuse
 * the same things: a disabled key's ticket, a tampered or truncated one, one of another keyset (even one whose key
 * has our key's id), other associated data.
 */
class TinkKeysetAeadTest {
    private static final byte[] AD = "tickets, format 1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATE = "a session state of some length".getBytes(StandardCharsets.US_ASCII);
    private static final Path NO_FILE = Path.of("(test)");

    @TempDir
    Path dir;

    @BeforeAll
    static void tink() throws Exception {
        AeadConfig.register();
    }

    private static Aead tinks(KeysetHandle keys) throws GeneralSecurityException {
        return keys.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static TinkKeysetAead ours(KeysetHandle keys) throws TicketKeysException {
        return TinkKeysetAead.of(NO_FILE, keys);
    }

    private static int idOf(byte[] ticket) {
        assertEquals(1, ticket[0], "Tink's TINK prefix");
        return TicketKey.idOf(ticket);
    }

    @Test
    void eachOpensWhatTheOtherSealsThroughARotation() throws Exception {
        KeysetHandle before = TinkTicketKeys.generate();
        KeysetHandle rotated = TinkTicketKeys.rotate(before);
        int oldId = before.getPrimary().getId();
        int newId = rotated.getPrimary().getId();

        byte[] tinkOld = tinks(before).encrypt(STATE, AD);
        byte[] oursOld = ours(before).seal(STATE, AD);
        byte[] tinkNew = tinks(rotated).encrypt(STATE, AD);
        byte[] oursNew = ours(rotated).seal(STATE, AD);
        assertEquals(oldId, idOf(oursOld));
        assertEquals(newId, idOf(oursNew), "the primary seals");
        assertEquals(STATE.length + TicketKey.OVERHEAD, oursNew.length);
        assertEquals(tinkNew.length, oursNew.length, "the same layout as Tink's");

        for (byte[] t : new byte[][] {tinkOld, oursOld, tinkNew, oursNew}) {
            assertArrayEquals(STATE, ours(rotated).open(t, AD).orElseThrow(), "the older enabled key still opens");
            assertArrayEquals(STATE, tinks(rotated).decrypt(t, AD));
        }
        assertArrayEquals(STATE, ours(before).open(tinkOld, AD).orElseThrow());
        assertArrayEquals(STATE, tinks(before).decrypt(oursOld, AD));
        assertEquals(Optional.empty(), ours(before).open(tinkNew, AD), "a key the old keyset does not have");
    }

    @Test
    void emptyAndLargestStatesBothWays() throws Exception {
        KeysetHandle keys = TinkTicketKeys.generate();
        for (byte[] state : new byte[][] {new byte[0], new byte[0xFFFF - TicketKey.OVERHEAD]}) {
            new Random(state.length).nextBytes(state);
            assertArrayEquals(state, tinks(keys).decrypt(ours(keys).seal(state, AD), AD));
            assertArrayEquals(state, ours(keys).open(tinks(keys).encrypt(state, AD), AD).orElseThrow());
        }
    }

    @Test
    void aDisabledKeysTicketOpensToNothingInBoth() throws Exception {
        KeysetHandle before = TinkTicketKeys.generate();
        KeysetHandle rotated = TinkTicketKeys.rotate(before);
        KeysetHandle retired = TinkTicketKeys.retire(rotated);
        assertEquals("DISABLED", TinkTicketKeys.list(retired).get(0).status());
        for (byte[] old : new byte[][] {tinks(before).encrypt(STATE, AD), ours(before).seal(STATE, AD)}) {
            assertEquals(Optional.empty(), ours(retired).open(old, AD));
            assertThrows(GeneralSecurityException.class, () -> tinks(retired).decrypt(old, AD));
        }
        byte[] fresh = tinks(rotated).encrypt(STATE, AD);
        assertArrayEquals(STATE, ours(retired).open(fresh, AD).orElseThrow(), "the primary still opens");
    }

    @Test
    void tamperedTruncatedOrWrongDataOpensToNothingInBoth() throws Exception {
        KeysetHandle keys = TinkTicketKeys.generate();
        TinkKeysetAead ours = ours(keys);
        Aead tinks = tinks(keys);
        for (byte[] ticket : new byte[][] {ours.seal(STATE, AD), tinks.encrypt(STATE, AD)}) {
            for (int i = 0; i < ticket.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] t = ticket.clone();
                    t[i] ^= (byte) (1 << bit);
                    assertEquals(Optional.empty(), ours.open(t, AD), "bit " + bit + " of byte " + i);
                    assertThrows(GeneralSecurityException.class, () -> tinks.decrypt(t, AD));
                }
            }
            for (int n = 0; n < ticket.length; n++) {
                byte[] t = Arrays.copyOf(ticket, n);
                assertEquals(Optional.empty(), ours.open(t, AD), "truncated to " + n);
                assertThrows(GeneralSecurityException.class, () -> tinks.decrypt(t, AD));
            }
            byte[] longer = Arrays.copyOf(ticket, ticket.length + 1);
            assertEquals(Optional.empty(), ours.open(longer, AD), "a byte appended");
            assertEquals(Optional.empty(), ours.open(ticket, "other".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(Optional.empty(), ours.open(ticket, new byte[0]));
        }
    }

    @Test
    void anotherKeysetOpensNothingEvenWithOurKeysId() throws Exception {
        KeysetHandle keys = TinkTicketKeys.generate();
        int id = keys.getPrimary().getId();
        KeysetHandle sameId = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withFixedId(id).makePrimary())
                .build();
        byte[] foreign = tinks(sameId).encrypt(STATE, AD);
        assertEquals(id, idOf(foreign), "the prefix names our key");
        assertEquals(Optional.empty(), ours(keys).open(foreign, AD));
        assertEquals(Optional.empty(), ours(keys).open(tinks(TinkTicketKeys.generate()).encrypt(STATE, AD), AD));
        assertEquals(Optional.empty(), ours(TinkTicketKeys.generate()).open(ours(keys).seal(STATE, AD), AD));
    }

    @Test
    void freshNoncesAndOnlyTicketShapedKeys() throws Exception {
        KeysetHandle keys = TinkTicketKeys.generate();
        TinkKeysetAead ours = ours(keys);
        byte[] a = ours.seal(STATE, AD);
        byte[] b = ours.seal(STATE, AD);
        assertTrue(!Arrays.equals(Arrays.copyOfRange(a, 5, 17), Arrays.copyOfRange(b, 5, 17)), "a fresh nonce each");
        KeysetHandle raw = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM_RAW"));
        TicketKeysException e = assertThrows(TicketKeysException.class, () -> ours(raw));
        assertTrue(e.getMessage().contains("key-id prefix"), e.getMessage());
        KeysetHandle aes128 = KeysetHandle.generateNew(KeyTemplates.get("AES128_GCM"));
        assertThrows(TicketKeysException.class, () -> ours(aes128));
    }

    @Test
    void manyThreadsAtOnceShareTheCiphersSafely() throws Exception {
        KeysetHandle before = TinkTicketKeys.generate();
        KeysetHandle keys = TinkTicketKeys.rotate(before);
        TinkKeysetAead ours = ours(keys);
        Aead tinks = tinks(keys);
        byte[] older = tinks(before).encrypt(STATE, AD);
        Callable<Integer> work = () -> {
            int opened = 0;
            for (int i = 0; i < 40; i++) {
                byte[] state = (STATE.length + ":" + Thread.currentThread().getId() + ":" + i)
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] t = ours.seal(state, AD);
                opened += Arrays.equals(state, ours.open(t, AD).orElseThrow()) ? 1 : 0;
                opened += Arrays.equals(state, tinks.decrypt(t, AD)) ? 1 : 0;
                opened += Arrays.equals(STATE, ours.open(older, AD).orElseThrow()) ? 1 : 0;
            }
            return opened;
        };
        // Platform threads take their own Ciphers; virtual threads (JDK 21+) share a few from the pool.
        List<ExecutorService> executors = new ArrayList<>(List.of(Executors.newFixedThreadPool(4)));
        try {
            executors.add((ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        } catch (NoSuchMethodException e) {
            // JDK 17: no virtual threads to try
        }
        for (ExecutorService ex : executors) {
            try {
                List<Future<Integer>> results = ex.invokeAll(Collections.nCopies(64, work), 60, TimeUnit.SECONDS);
                for (Future<Integer> f : results) {
                    assertEquals(120, f.get(), "every ticket opened to its own state");
                }
            } finally {
                ex.shutdownNow();
                assertTrue(ex.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * A fleet on one encrypted keyset file, some servers still on Tink's AEAD: across a staged rotation, a sealer
     * opens the older servers' tickets of either key and they open its tickets.
     */
    @Test
    @SuppressWarnings("deprecation") // Tink's JSON keyset reader: what an older server reads the file with
    void aSealerAndAnOlderServerOnTinkShareAnEncryptedFile() throws Exception {
        byte[] ad = ("SecureChannel session ticket, state format " + SessionState.FORMAT).getBytes(StandardCharsets.US_ASCII);
        Path kek = dir.resolve("kek.json");
        Path file = dir.resolve("keys.json");
        TinkTicketKeys.create(kek, null);
        TinkTicketKeys.create(file, kek);
        Aead kekAead = tinks(TinkKeysetFiles.read(kek, null));
        Aead olderBefore = tinks(KeysetHandle.read(
                JsonKeysetReader.withString(Files.readString(file)), kekAead));
        byte[] sealedByOlder = olderBefore.encrypt(STATE, ad);
        TinkTicketKeys.add(file, kek);
        TinkTicketKeys.promote(file, kek);
        TinkTicketSealer sealer = TinkTicketSealer.fromFile(file, kek);
        Aead olderAfter = tinks(KeysetHandle.read(
                JsonKeysetReader.withString(Files.readString(file)), kekAead));

        assertArrayEquals(STATE, sealer.open(sealedByOlder).orElseThrow(), "the old primary's ticket");
        assertArrayEquals(STATE, sealer.open(olderAfter.encrypt(STATE, ad)).orElseThrow(), "the new primary's ticket");
        byte[] ours = sealer.seal(STATE);
        assertEquals(primaryOf(sealer), Integer.toUnsignedLong(idOf(ours)));
        assertArrayEquals(STATE, olderAfter.decrypt(ours, ad));
        assertThrows(GeneralSecurityException.class, () -> olderBefore.decrypt(ours, ad),
                "a server that has not re-read the file cannot: why rotation is staged");
    }

    private static long primaryOf(TinkTicketSealer sealer) {
        return sealer.keys().stream().filter(TicketKeyInfo::primary).findFirst().orElseThrow().id();
    }
}
