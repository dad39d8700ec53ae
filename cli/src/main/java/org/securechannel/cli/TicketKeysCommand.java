package org.securechannel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.securechannel.session.TicketKeyInfo;
import org.securechannel.session.TicketKeysException;
import org.securechannel.session.TinkTicketKeys;

/**
 * {@code ticket-keys new|rotate|add|promote|retire|list FILE [--kek KEKFILE]}: manages a session-ticket keyset file (Tink's
 * JSON keyset format, clear, or encrypted under the clear keyset in KEKFILE) that servers share with
 * {@code server --ticket-keys FILE}. Each action prints the keys afterwards, one per line: id, status, and
 * "primary" for the key that seals new tickets. No key material is ever printed.
 *
 * <p>A rotation across a fleet: {@code rotate} (servers pick the new primary up within their poll interval; the
 * old key still opens tickets), wait at least the ticket lifetime, then {@code retire} (old tickets now get full
 * handshakes); a second {@code retire} later removes the disabled keys from the file. {@code add} then, one poll
 * interval later, {@code promote} is {@code rotate} in two steps, so that no server seals with a key another has
 * not loaded yet (until then such a ticket is only a full handshake on the other server, never an error).
 */
final class TicketKeysCommand {
    static final String USAGE = "ticket-keys new|rotate|add|promote|retire|list FILE [--kek KEKFILE]";

    private TicketKeysCommand() {
    }

    static int run(List<String> argv, PrintStream out) throws UsageException, TicketKeysException {
        if (argv.size() < 2) {
            throw new UsageException("usage: " + USAGE);
        }
        String action = argv.get(0);
        Path file = Path.of(argv.get(1));
        Args args = Args.parse(argv.subList(2, argv.size()), Set.of("--kek"), Set.of());
        String kekName = args.value("--kek", null);
        Path kek = kekName == null ? null : Path.of(kekName);
        List<TicketKeyInfo> keys;
        switch (action) {
            case "new":
                keys = TinkTicketKeys.create(file, kek);
                break;
            case "rotate":
                keys = TinkTicketKeys.rotate(file, kek);
                break;
            case "add":
                keys = TinkTicketKeys.add(file, kek);
                break;
            case "promote":
                keys = TinkTicketKeys.promote(file, kek);
                break;
            case "retire":
                keys = TinkTicketKeys.retire(file, kek);
                break;
            case "list":
                keys = TinkTicketKeys.list(file, kek);
                break;
            default:
                throw new UsageException("unknown action '" + action + "' (new, rotate, add, promote, retire or list)");
        }
        keys.forEach(out::println);
        return 0;
    }
}
