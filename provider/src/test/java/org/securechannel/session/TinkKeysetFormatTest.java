package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.CleartextKeysetHandle;
import com.google.crypto.tink.JsonKeysetReader;
import com.google.crypto.tink.JsonKeysetWriter;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our keyset files are Tink's: what `ticket-keys` writes, Tink's own JSON keyset reader (the one its Tinkey tool
 * and every Tink language use) reads, clear and encrypted; what Tink writes, a server loads; and a ticket is
 * exactly a Tink keyset-AEAD ciphertext, so Tink alone opens it given the keyset file.
 */
@SuppressWarnings("deprecation") // Tink's older JSON reader and writer on purpose: the format tools built on them use
class TinkKeysetFormatTest {
    private static final byte[] AD = "SecureChannel session ticket, state format 1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @BeforeAll
    static void tink() throws Exception {
        AeadConfig.register();
    }

    private static Aead aead(KeysetHandle h) throws Exception {
        return h.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    @Test
    void tinkReadsOurClearFileAndOpensOurTickets() throws Exception {
        Path file = dir.resolve("keys.json");
        TinkTicketKeys.create(file, null);
        TinkTicketKeys.rotate(file, null);
        byte[] ticket = TinkTicketSealer.fromFile(file).seal("state".getBytes(StandardCharsets.US_ASCII));

        KeysetHandle read = CleartextKeysetHandle.read(JsonKeysetReader.withString(Files.readString(file)));
        assertEquals(2, read.size());
        List<TicketKeyInfo> ours = TinkTicketKeys.list(file, null);
        assertEquals(ours.get(1).id(), Integer.toUnsignedLong(read.getPrimary().getId()));
        assertArrayEquals("state".getBytes(StandardCharsets.US_ASCII), aead(read).decrypt(ticket, AD));
    }

    @Test
    void tinkReadsOurEncryptedFileWithTheKek() throws Exception {
        Path kek = dir.resolve("kek.json");
        Path file = dir.resolve("keys.json");
        TinkTicketKeys.create(kek, null);
        TinkTicketKeys.create(file, kek);
        Aead kekAead = aead(CleartextKeysetHandle.read(JsonKeysetReader.withString(Files.readString(kek))));
        KeysetHandle read = KeysetHandle.read(JsonKeysetReader.withString(Files.readString(file)), kekAead);
        assertEquals(TinkTicketKeys.list(file, kek).get(0).id(), Integer.toUnsignedLong(read.getPrimary().getId()));
    }

    @Test
    void aServerLoadsAKeysetTinkWrote() throws Exception {
        KeysetHandle tinks = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM"));
        Path file = dir.resolve("from-tink.json");
        CleartextKeysetHandle.write(tinks, JsonKeysetWriter.withPath(file));
        TinkTicketSealer sealer = TinkTicketSealer.fromFile(file);
        byte[] sealedByTink = aead(tinks).encrypt(new byte[] {7}, AD);
        assertArrayEquals(new byte[] {7}, sealer.open(sealedByTink).orElseThrow());
    }

    @Test
    void aKeysetOfAnotherKindIsRefusedByName() throws Exception {
        KeysetHandle aes128 = KeysetHandle.generateNew(KeyTemplates.get("AES128_GCM"));
        Path file = dir.resolve("aes128.json");
        CleartextKeysetHandle.write(aes128, JsonKeysetWriter.withPath(file));
        TicketKeysException e = assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(file));
        assertTrue(e.getMessage().contains("AES256_GCM"), e.getMessage());
        KeysetHandle raw = KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM_RAW"));
        Path rawFile = dir.resolve("raw.json");
        CleartextKeysetHandle.write(raw, JsonKeysetWriter.withPath(rawFile));
        assertThrows(TicketKeysException.class, () -> TinkTicketSealer.fromFile(rawFile), "no key-id prefix");
    }
}
