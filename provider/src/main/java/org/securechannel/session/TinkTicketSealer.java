package org.securechannel.session;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The ticket sealer: a Tink keyset of AES-256-GCM keys. A ticket is exactly what Tink's keyset AEAD writes — the
 * 5-byte prefix naming the primary key (0x01 and its 4-byte id), a 12-byte random nonce, the sealed state, a
 * 16-byte tag — so the primary key seals and every enabled key opens, and a ticket of a disabled, removed or
 * foreign key opens to nothing. The associated data binds a ticket to its purpose and state format: a ciphertext
 * the same keyset made for anything else does not open as a ticket.
 *
 * <p>Tink manages the keys (generation, rotation, files, statuses, the primary); the AEAD of each ticket runs on
 * the JDK's AES-GCM Ciphers over the keys read out of the keyset once per load ({@link TinkKeysetAead}), not on
 * Tink's primitive, whose per-thread Cipher and SecureRandom made every new virtual thread (one per connection)
 * build both, and with Conscrypt present a Conscrypt provider, for its first ticket: {@link TinkKeysetAead} gives
 * the numbers. Tink's own AEAD and this one open each other's tickets, so a fleet mixing old and new servers resumes.
 *
 * <p>Keys come from a fresh in-memory keyset per process ({@link #inMemory()}, like SunJSSE's, so tickets do not
 * survive a restart or cross servers) or from a keyset file ({@link TinkTicketKeys} describes the clear and the
 * encrypted form) that a fleet shares. A file sealer looks at its file again at most once per poll interval,
 * from whichever seal or open comes first after the interval: if the bytes changed (a rotation, a retire), it
 * loads the new keyset and uses it from the next ticket on; connections in flight are not touched. A file that
 * no longer parses is reported once, naming the file, and the keys loaded before stay in use: a server never
 * silently stops issuing tickets. A file that does not parse at start-up fails the start ({@link #fromFile}
 * throws).
 *
 * <p>Nothing here logs or returns key material; {@link #keys()} gives ids and statuses only.
 */
public final class TinkTicketSealer implements TicketSealer {
    /** Associated data of every ticket: purpose and plaintext format, so neither is ever mistaken for the other. */
    private static final byte[] ASSOCIATED_DATA =
            ("SecureChannel session ticket, state format " + SessionState.FORMAT).getBytes(StandardCharsets.US_ASCII);
    /** Tink's prefix (5), the AES-GCM nonce (12) and tag (16). */
    public static final int OVERHEAD = TicketKey.OVERHEAD;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger("org.securechannel.session");

    /** One loaded keyset: its AEAD, the digest of the file bytes it came from, and what `list` shows of it. */
    private record Loaded(TinkKeysetAead aead, byte[] digest, List<TicketKeyInfo> keys) {
        static Loaded of(Path file, KeysetHandle keys, byte[] digest) throws TicketKeysException {
            return new Loaded(TinkKeysetAead.of(file, keys), digest, TinkTicketKeys.list(keys));
        }
    }

    private final Path file;
    private final Path kekFile;
    private final long pollNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> problems;
    private final AtomicLong nextCheck;
    private volatile Loaded current;
    private byte[] lastReported; // digest (or message) of the last bad file we reported, guarded by this

    private TinkTicketSealer(Path file, Path kekFile, Duration poll, LongSupplier nanoClock, Consumer<String> problems,
            Loaded first) {
        this.file = file;
        this.kekFile = kekFile;
        this.pollNanos = poll.toNanos();
        this.nanoClock = nanoClock;
        this.problems = problems;
        this.current = first;
        this.nextCheck = new AtomicLong(nanoClock.getAsLong() + pollNanos);
    }

    /** A keyset of one fresh key, in this process only (the default of a server with no keyset file). */
    public static TinkTicketSealer inMemory() {
        var keys = TinkTicketKeys.generate();
        try {
            Loaded loaded = Loaded.of(Path.of("(in memory)"), keys, new byte[0]);
            return new TinkTicketSealer(null, null, Duration.ZERO, System::nanoTime, m -> { }, loaded);
        } catch (TicketKeysException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The keyset in {@code file} (clear Tink JSON), re-read every {@link #DEFAULT_POLL_INTERVAL}. */
    public static TinkTicketSealer fromFile(Path file) throws TicketKeysException {
        return fromFile(file, null);
    }

    /**
     * The keyset in {@code file}, encrypted under the clear keyset in {@code kekFile} (or in clear if that is null),
     * re-read every {@link #DEFAULT_POLL_INTERVAL}; problems with later versions of the file go to the
     * {@code org.securechannel.session} System.Logger as warnings.
     */
    public static TinkTicketSealer fromFile(Path file, Path kekFile) throws TicketKeysException {
        return fromFile(file, kekFile, DEFAULT_POLL_INTERVAL, System::nanoTime,
                m -> LOG.log(System.Logger.Level.WARNING, m));
    }

    /**
     * As {@link #fromFile(Path, Path)}, with the poll interval, the clock it is measured by (nanoseconds, like
     * System::nanoTime) and where reload problems are reported (one line each, naming the file) of the caller's choice.
     */
    public static TinkTicketSealer fromFile(Path file, Path kekFile, Duration pollInterval, LongSupplier nanoClock,
            Consumer<String> problems) throws TicketKeysException {
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("negative poll interval");
        }
        Snapshot s = Snapshot.read(file, kekFile);
        Loaded first = load(file, kekFile, s);
        return new TinkTicketSealer(file, kekFile, pollInterval, nanoClock, problems, first);
    }

    @Override
    public byte[] seal(byte[] plaintext) {
        if (plaintext.length > maxPlaintextLength()) {
            throw new IllegalArgumentException(plaintext.length + "-byte session state does not fit a ticket");
        }
        pollIfDue();
        try {
            return current.aead.seal(plaintext, ASSOCIATED_DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM cannot seal with the primary ticket key", e);
        }
    }

    @Override
    public Optional<byte[]> open(byte[] ticket) {
        pollIfDue();
        if (ticket == null || ticket.length < OVERHEAD) {
            return Optional.empty();
        }
        try {
            return current.aead.open(ticket, ASSOCIATED_DATA); // empty: not ours, a key no longer enabled, tampered
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // the Cipher refused the key or nonce: still only a full handshake
        }
    }

    @Override
    public int maxPlaintextLength() {
        return 0xFFFF - OVERHEAD;
    }

    /** The keys in use now: ids, statuses, which is primary. */
    public List<TicketKeyInfo> keys() {
        return current.keys;
    }

    /**
     * Looks at the file now instead of at the next poll; true if a changed keyset was loaded. A file that does not
     * parse is reported (once per version of it) and changes nothing.
     */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        Snapshot s;
        try {
            s = Snapshot.read(file, kekFile);
        } catch (TicketKeysException e) {
            report(e.getMessage().getBytes(StandardCharsets.UTF_8), e.getMessage());
            return false;
        }
        if (MessageDigest.isEqual(s.digest, current.digest)) {
            lastReported = null;
            return false;
        }
        try {
            current = load(file, kekFile, s);
            lastReported = null;
            LOG.log(System.Logger.Level.INFO, () -> "ticket keys " + file + ": loaded " + current.keys);
            return true;
        } catch (TicketKeysException e) {
            report(s.digest, e.getMessage());
            return false;
        }
    }

    private void report(byte[] what, String message) {
        if (lastReported != null && MessageDigest.isEqual(lastReported, what)) {
            return;
        }
        lastReported = what;
        problems.accept(message + "; still using the keys loaded before " + current.keys);
    }

    private void pollIfDue() {
        if (file == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        long due = nextCheck.get();
        // One caller per interval does the check; the rest go on with the keys they have.
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + pollNanos)) {
            reload();
        }
    }

    private static Loaded load(Path file, Path kekFile, Snapshot s) throws TicketKeysException {
        Aead kek = kekFile == null ? null : TinkKeysetFiles.kekOf(kekFile, s.kekText);
        var keys = TinkKeysetFiles.parse(file, s.keysetText, kek);
        return Loaded.of(file, keys, s.digest);
    }

    /** The file's text (and the KEK file's) as read once, and a digest of both to notice changes by. */
    private record Snapshot(String keysetText, String kekText, byte[] digest) {
        static Snapshot read(Path file, Path kekFile) throws TicketKeysException {
            byte[] keyset = bytes(file);
            byte[] kek = kekFile == null ? new byte[0] : bytes(kekFile);
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(keyset);
                sha.update((byte) 0);
                sha.update(kek);
                return new Snapshot(new String(keyset, StandardCharsets.UTF_8),
                        kekFile == null ? null : new String(kek, StandardCharsets.UTF_8), sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing", e);
            }
        }

        private static byte[] bytes(Path p) throws TicketKeysException {
            try {
                return Files.readAllBytes(p);
            } catch (IOException | RuntimeException e) {
                throw new TicketKeysException(p, "cannot read (" + e + ")", e);
            }
        }
    }
}
