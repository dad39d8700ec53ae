package org.securechannel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.securechannel.context.Credentials;
import org.securechannel.context.KeyLog;

/**
 * The diagnostic options client and server share: {@code --keylog FILE} (the secrets of each connection in the NSS
 * key log format, for Wireshark) and {@code --trace} (each handshake message with its fields on standard error,
 * like {@code openssl s_client -msg}).
 */
final class DiagnosticOptions {
    static final Set<String> VALUE_FLAGS = Set.of("--keylog");
    static final Set<String> SWITCHES = Set.of("--trace");

    private DiagnosticOptions() {
    }

    /** Adds the key log, when asked for, to {@code b}. */
    static void apply(Args args, Credentials.Builder b) throws UsageException {
        String file = args.value("--keylog", null);
        if (file != null) {
            Path path = Path.of(file);
            if (path.getParent() != null && !java.nio.file.Files.isDirectory(path.getParent())) {
                throw new UsageException("--keylog: no directory " + path.getParent());
            }
            b.keyLog(KeyLog.toFile(path));
        }
    }

    /** Starts the trace when asked for; close the result to stop it. */
    static AutoCloseable trace(Args args, PrintStream err) {
        return args.has("--trace") ? TraceOutput.start(err) : () -> { };
    }

    static Set<String> with(Set<String> flags, Set<String> more) {
        java.util.Set<String> all = new java.util.HashSet<>(flags);
        all.addAll(more);
        return Set.copyOf(all);
    }
}
