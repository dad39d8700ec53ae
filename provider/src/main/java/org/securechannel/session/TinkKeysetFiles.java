package org.securechannel.session;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * Reading and writing ticket keyset files (the two forms {@link TinkTicketKeys} describes), and the checks every
 * keyset passes before a server uses it: only AES-256-GCM keys with Tink's key-id prefix, an enabled primary.
 * Errors are {@link TicketKeysException}s naming the file, with nothing that could be key material in them.
 */
final class TinkKeysetFiles {
    static {
        registerAead();
    }

    private TinkKeysetFiles() {
    }

    /**
     * Tink generates and parses AES-GCM keys through its registry, which AeadConfig fills. Idempotent; it is Tink's
     * own state, not configuration of ours (the keysets stay in the Credentials that carry a sealer).
     */
    static void registerAead() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reads and checks a ticket keyset file (see the class comment for the two forms). */
    static KeysetHandle read(Path file, Path kekFile) throws TicketKeysException {
        return parse(file, readText(file), kekFile == null ? null : kekOf(kekFile, readText(kekFile)));
    }

    /** Parses a keyset read from {@code file}; {@code kek} null for a clear one. Checks every key is a ticket key. */
    static KeysetHandle parse(Path file, String json, Aead kek) throws TicketKeysException {
        KeysetHandle keys;
        try {
            keys = kek == null ? TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
                    : TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, kek, new byte[0]);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TicketKeysException(file, (kek == null ? "not a Tink JSON keyset in clear"
                    : "not a Tink encrypted keyset that this key-encryption key opens") + " (" + describe(e) + ")", e);
        }
        requireTicketKeys(file, keys);
        return keys;
    }

    /** The AEAD of the key-encryption keyset in {@code kekFile}, itself a clear keyset of ticket-shaped keys. */
    static Aead kekOf(Path kekFile, String json) throws TicketKeysException {
        KeysetHandle kek = parse(kekFile, json, null);
        return aeadOf(kekFile, kek);
    }

    static Aead aeadOf(Path file, KeysetHandle keys) throws TicketKeysException {
        try {
            return keys.getPrimitive(ConfigurationV0.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new TicketKeysException(file, "Tink cannot make an AEAD of this keyset: " + describe(e), e);
        }
    }

    private static void requireTicketKeys(Path file, KeysetHandle keys) throws TicketKeysException {
        boolean primary = false;
        for (int i = 0; i < keys.size(); i++) {
            KeysetHandle.Entry e = keys.getAt(i);
            if (!(e.getKey() instanceof AesGcmKey k) || k.getParameters().getKeySizeBytes() != 32
                    || k.getParameters().getVariant() != AesGcmParameters.Variant.TINK) {
                throw new TicketKeysException(file, "key " + Integer.toUnsignedLong(e.getId())
                        + " is not an AES256_GCM key with Tink's key-id prefix", null);
            }
            primary |= e.isPrimary() && e.getStatus().equals(KeyStatus.ENABLED);
        }
        if (!primary) {
            throw new TicketKeysException(file, "no enabled primary key to seal tickets with", null);
        }
    }

    static String readText(Path file) throws TicketKeysException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new TicketKeysException(file, "cannot read (" + e + ")", e);
        }
    }

    static String serialize(Path file, KeysetHandle keys, Aead kek) throws TicketKeysException {
        try {
            return kek == null ? TinkJsonProtoKeysetFormat.serializeKeyset(keys, InsecureSecretKeyAccess.get())
                    : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keys, kek, new byte[0]);
        } catch (GeneralSecurityException e) {
            throw new TicketKeysException(file, "cannot serialize the keyset: " + describe(e), e);
        }
    }

    static void write(Path file, KeysetHandle keys, Path kekFile) throws TicketKeysException {
        Aead kek = kekFile == null ? null : kekOf(kekFile, readText(kekFile));
        String json = serialize(file, keys, kek);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            ownerOnly(temp);
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            throw new TicketKeysException(file, "cannot write (" + e + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move took it, or the error above says what went wrong
                }
            }
        }
    }

    /**
     * An exception's message for an operator, with any run that could be base64 key material cut out: a parser
     * that quotes the text it choked on must not put a key into a log.
     */
    static String describe(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("[A-Za-z0-9+/=_-]{16,}", "...");
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }
}
