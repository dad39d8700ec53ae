package org.securechannel.session;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticket keysets and their files, in Tink's own JSON keyset format so that Tink's tooling (and any Tink library)
 * reads what we write: every key AES-256-GCM with Tink's 5-byte key-id prefix (the TINK output prefix), which is
 * how a ticket names the key that sealed it.
 *
 * <p>Two file forms. In clear: the keyset JSON as Tink writes it. Encrypted: Tink's encrypted keyset JSON
 * ({@code encryptedKeyset} + {@code keysetInfo}), sealed with the AEAD of a key-encryption keyset (KEK) that lives
 * in a second, clear keyset file. That KEK source works offline and needs nothing but a file, unlike Tink's KMS
 * URIs: keep the KEK file where only the servers can read it (a secrets mount) and the encrypted ticket keyset
 * wherever configuration is shared. The keyset is encrypted with empty associated data, as Tink's
 * {@code KeysetHandle.read(reader, aead)} expects, so Tink reads the file unaided given the KEK.
 *
 * <p>Rotation uses Tink's key statuses: {@link #rotate} adds a key and makes it primary (it seals, older enabled
 * keys still open), or in two steps for a fleet, {@link #add} then {@link #promote}; {@link #retire} disables the enabled keys that are not primary (their tickets get full
 * handshakes) and removes the keys an earlier retire disabled. Files are replaced atomically (written beside,
 * then moved over), so a server re-reading the file never sees half of one, and created readable by the owner
 * only.
 */
public final class TinkTicketKeys {
    static {
        TinkKeysetFiles.registerAead();
    }

    private TinkTicketKeys() {
    }

    /** A keyset of one fresh primary key: the in-memory default of a server, and {@code ticket-keys new}. */
    static KeysetHandle generate() {
        try {
            return KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate an AES-256-GCM key", e);
        }
    }

    static KeysetHandle rotate(KeysetHandle keys) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
        return b.build();
    }

    /** A fresh key, enabled (it opens tickets) but not primary (it seals none yet): the first half of a rotation. */
    static KeysetHandle add(KeysetHandle keys) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId());
        return b.build();
    }

    /** The newest enabled key that is not primary becomes primary: the second half of a rotation. */
    static KeysetHandle promote(KeysetHandle keys) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        for (int i = b.size() - 1; i >= 0; i--) {
            KeysetHandle.Builder.Entry e = b.getAt(i);
            if (!e.isPrimary() && e.getStatus().equals(KeyStatus.ENABLED)) {
                e.makePrimary();
                return b.build();
            }
        }
        throw new GeneralSecurityException("no enabled key besides the primary; add one first");
    }

    static KeysetHandle retire(KeysetHandle keys) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        for (int i = b.size() - 1; i >= 0; i--) {
            KeysetHandle.Builder.Entry e = b.getAt(i);
            if (e.isPrimary()) {
                continue;
            }
            if (e.getStatus().equals(KeyStatus.ENABLED)) {
                e.setStatus(KeyStatus.DISABLED);
            } else {
                b.deleteAt(i);
            }
        }
        return b.build();
    }

    static List<TicketKeyInfo> list(KeysetHandle keys) {
        List<TicketKeyInfo> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            KeysetHandle.Entry e = keys.getAt(i);
            out.add(new TicketKeyInfo(Integer.toUnsignedLong(e.getId()), e.getStatus().toString(), e.isPrimary()));
        }
        return List.copyOf(out);
    }

    /**
     * Creates {@code file} holding a keyset of one primary key; encrypted under the keyset in {@code kekFile}
     * unless that is null. Refuses to overwrite an existing file: losing ticket keys by a typo is worse than an error.
     */
    public static List<TicketKeyInfo> create(Path file, Path kekFile) throws TicketKeysException {
        if (Files.exists(file)) {
            throw new TicketKeysException(file, "already exists; use rotate to add a key", null);
        }
        KeysetHandle keys = generate();
        TinkKeysetFiles.write(file, keys, kekFile);
        return list(keys);
    }

    /** Adds a fresh key to the keyset in {@code file} and makes it primary. */
    public static List<TicketKeyInfo> rotate(Path file, Path kekFile) throws TicketKeysException {
        return change(file, kekFile, TinkTicketKeys::rotate, "cannot add a key");
    }

    /** Disables every enabled key of {@code file} that is not primary; removes those already disabled. */
    public static List<TicketKeyInfo> retire(Path file, Path kekFile) throws TicketKeysException {
        return change(file, kekFile, TinkTicketKeys::retire, "cannot retire keys");
    }

    /**
     * Adds a fresh key to {@code file}, enabled but not primary. With {@link #promote}, the staged rotation of s2n
     * and BoringSSL: once every server has re-read the file (one poll interval), promote it, so no server seals
     * with a key another server cannot open yet.
     */
    public static List<TicketKeyInfo> add(Path file, Path kekFile) throws TicketKeysException {
        return change(file, kekFile, TinkTicketKeys::add, "cannot add a key");
    }

    /** Makes the newest enabled non-primary key of {@code file} primary. */
    public static List<TicketKeyInfo> promote(Path file, Path kekFile) throws TicketKeysException {
        return change(file, kekFile, TinkTicketKeys::promote, "cannot promote a key");
    }

    private interface Change {
        KeysetHandle apply(KeysetHandle keys) throws GeneralSecurityException;
    }

    private static List<TicketKeyInfo> change(Path file, Path kekFile, Change change, String failure)
            throws TicketKeysException {
        KeysetHandle keys = TinkKeysetFiles.read(file, kekFile);
        try {
            keys = change.apply(keys);
        } catch (GeneralSecurityException e) {
            throw new TicketKeysException(file, failure + ": " + TinkKeysetFiles.describe(e), e);
        }
        TinkKeysetFiles.write(file, keys, kekFile);
        return list(keys);
    }

    public static List<TicketKeyInfo> list(Path file, Path kekFile) throws TicketKeysException {
        return list(TinkKeysetFiles.read(file, kekFile));
    }
}
