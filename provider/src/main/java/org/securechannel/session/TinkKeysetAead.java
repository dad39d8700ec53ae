package org.securechannel.session;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A ticket keyset's AEAD, equivalent to Tink's keyset AEAD over the same keyset (the primary key seals, every
 * enabled key opens the tickets that name it, disabled keys open nothing) and interchangeable with it ticket for
 * ticket, but run on the JDK's Ciphers through {@link TicketKey}s instead of Tink's primitives.
 *
 * <p>Why not Tink's own AEAD at run time: Tink's AES-GCM ({@code AesGcmJce}) takes its Cipher from a
 * {@code ThreadLocal} ({@code AesGcmJceUtil}) and its nonce from a per-thread SecureRandom ({@code internal.Random}),
 * which, with Conscrypt on the class path, Tink builds on a new Conscrypt provider ({@code Conscrypt.newProvider}).
 * With one new virtual thread per connection, each connection's first NewSessionTicket met both ThreadLocals
 * empty. Measured ({@code VirtualThreadBenchmark}, Temurin 25, perf/RESULTS.md): 44.7 % of the bytes JFR sampled
 * on virtual threads were allocated under {@code TinkTicketSealer.seal} (42.8 % the SecureRandom and its Conscrypt
 * provider, 0.9 % the Cipher), and a connection on a new virtual thread allocated 1.83–1.87× what it did on a
 * pooled platform thread (~500 KB against ~270 KB); on this class, 1.02×. Tink 1.18 has no AES-GCM primitive
 * without those ThreadLocals ({@code InsecureNonceAesGcmJce} uses the same Cipher one), so Tink keeps the keyset
 * (generation, rotation, files, statuses, the primary) and this class only reads the raw keys out of it once per
 * load; the nonces come from one shared SecureRandom (thread-safe, like the crypto backends').
 *
 * <p>Only keys with Tink's output prefix are taken ({@link TinkKeysetFiles} refuses keysets with any other kind),
 * so every ticket starts with the 5-byte prefix naming its key.
 */
final class TinkKeysetAead {
    private final TicketKey primary;
    /** Every enabled key, the primary among them; a keyset holds a handful, so a scan beats a map. */
    private final TicketKey[] enabled;
    private final SecureRandom random = new SecureRandom();

    private TinkKeysetAead(TicketKey primary, TicketKey[] enabled) {
        this.primary = primary;
        this.enabled = enabled;
    }

    /** The keys of {@code keys} (already checked by {@link TinkKeysetFiles#parse}); {@code file} names it in errors. */
    static TinkKeysetAead of(Path file, KeysetHandle keys) throws TicketKeysException {
        TicketKey primary = null;
        List<TicketKey> enabled = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            KeysetHandle.Entry e = keys.getAt(i);
            if (!e.getStatus().equals(KeyStatus.ENABLED)) {
                continue; // a disabled key opens nothing, as in Tink's keyset AEAD
            }
            if (!(e.getKey() instanceof AesGcmKey k) || k.getParameters().getKeySizeBytes() != 32
                    || k.getParameters().getIvSizeBytes() != TicketKey.NONCE_LENGTH
                    || k.getParameters().getTagSizeBytes() != TicketKey.TAG_LENGTH
                    || k.getParameters().getVariant() != AesGcmParameters.Variant.TINK) {
                throw new TicketKeysException(file, "key " + Integer.toUnsignedLong(e.getId())
                        + " is not an AES256_GCM key with Tink's key-id prefix", null);
            }
            byte[] raw = k.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
            TicketKey key = new TicketKey(e.getId(), raw);
            Arrays.fill(raw, (byte) 0);
            enabled.add(key);
            if (e.isPrimary()) {
                primary = key;
            }
        }
        if (primary == null) {
            throw new TicketKeysException(file, "no enabled primary key to seal tickets with", null);
        }
        return new TinkKeysetAead(primary, enabled.toArray(new TicketKey[0]));
    }

    byte[] seal(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        byte[] nonce = new byte[TicketKey.NONCE_LENGTH];
        random.nextBytes(nonce);
        return primary.seal(plaintext, associatedData, nonce);
    }

    /**
     * The plaintext if an enabled key named by the ticket's prefix opens it, else empty: too short, another
     * prefix, an id no enabled key has, a tag that does not check out. Like Tink, every key with that id is tried.
     */
    Optional<byte[]> open(byte[] ticket, byte[] associatedData) throws GeneralSecurityException {
        if (ticket.length < TicketKey.OVERHEAD || ticket[0] != TicketKey.TINK_PREFIX_VERSION) {
            return Optional.empty();
        }
        int id = TicketKey.idOf(ticket);
        for (TicketKey k : enabled) {
            if (k.id() == id) {
                Optional<byte[]> plain = k.open(ticket, associatedData);
                if (plain.isPresent()) {
                    return plain;
                }
            }
        }
        return Optional.empty();
    }
}
