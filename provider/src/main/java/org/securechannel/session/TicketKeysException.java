package org.securechannel.session;

import java.nio.file.Path;

/**
 * A ticket keyset file that cannot be used: missing, unreadable, not a Tink keyset, encrypted under another key,
 * or holding keys of the wrong kind. The message is one line that names the file and never any key material.
 */
public final class TicketKeysException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public TicketKeysException(Path file, String problem, Throwable cause) {
        super("ticket keys " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The keyset (or key-encryption keyset) file at fault. */
    public Path file() {
        return file;
    }
}
