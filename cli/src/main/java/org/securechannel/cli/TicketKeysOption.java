package org.securechannel.cli;

import java.nio.file.Path;
import org.securechannel.context.Credentials;
import org.securechannel.session.TicketKeysException;
import org.securechannel.session.TinkTicketSealer;

/**
 * {@code server --ticket-keys FILE [--ticket-kek KEKFILE]}: seal session tickets with the keyset in FILE (see
 * {@code ticket-keys}), re-read when it changes. A file that cannot be used stops the server from starting, with
 * one line naming the file: a server never runs silently without the keys it was told to use.
 */
final class TicketKeysOption {
    static final String KEYS = "--ticket-keys";
    static final String KEK = "--ticket-kek";

    private TicketKeysOption() {
    }

    static void apply(Args args, Credentials.Builder b) throws UsageException {
        String keys = args.value(KEYS, null);
        String kek = args.value(KEK, null);
        if (keys == null) {
            if (kek != null) {
                throw new UsageException(KEK + " needs " + KEYS);
            }
            return;
        }
        try {
            b.ticketSealer(TinkTicketSealer.fromFile(Path.of(keys), kek == null ? null : Path.of(kek)));
        } catch (TicketKeysException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
