package org.securechannel.context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A key log file in the NSS format. Each line is one {@code write} on a file opened for appending, so lines
 * from many threads and processes never interleave (O_APPEND); the file is opened per line, so it may be
 * moved or deleted while the process runs. One instance per path, so each path's warning and failure are
 * logged once.
 */
final class KeyLogFile implements KeyLog {
    private static final ConcurrentMap<Path, KeyLogFile> OPEN = new ConcurrentHashMap<>();
    private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);

    private final Path path;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    private KeyLogFile(Path path) {
        this.path = path;
    }

    /** The writer for {@code path}; the first time a path is asked for, a warning says key logging is on. */
    static KeyLogFile of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(absolute, p -> {
            DebugLog.CONTEXT.log(System.Logger.Level.WARNING, "TLS key logging is on: the secrets of every "
                    + "connection are appended to " + p + "; whoever reads that file can decrypt the traffic");
            return new KeyLogFile(p);
        });
    }

    Path path() {
        return path;
    }

    @Override
    public void log(String label, byte[] clientRandom, byte[] secret) {
        byte[] line = (KeyLog.line(label, clientRandom, secret) + '\n').getBytes(StandardCharsets.US_ASCII);
        try (FileChannel file = open()) {
            ByteBuffer b = ByteBuffer.wrap(line);
            // One write for the whole line: regular files accept it at once; the loop is only for the contract.
            while (b.hasRemaining()) {
                file.write(b);
            }
        } catch (IOException | RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                DebugLog.CONTEXT.log(System.Logger.Level.WARNING, "cannot write the TLS key log " + path
                        + " (" + e + "); handshakes go on, and further failures are not reported");
            }
        } finally {
            java.util.Arrays.fill(line, (byte) 0);
        }
    }

    /** Opens for appending; a new file is readable and writable by its owner only, where POSIX permissions exist. */
    private FileChannel open() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return FileChannel.open(path, APPEND, ownerOnly);
        }
        return FileChannel.open(path, APPEND);
    }
}
