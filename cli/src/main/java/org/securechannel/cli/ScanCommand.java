package org.securechannel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.securechannel.context.Credentials;

/**
 * {@code scan HOST:PORT [--servername NAME] [--json] [--cafile PEM] [--timeout SECONDS]}: what a server supports
 * (see {@link ServerScan}), as a table on standard output or, with {@code --json}, as one JSON object. Exit 0 when
 * the server answered at least one handshake, 1 when it answered none, 2 for bad usage.
 */
final class ScanCommand {
    static final Set<String> VALUE_FLAGS = Set.of("--connect", "--servername", "--cafile", "--timeout");
    static final Set<String> SWITCHES = Set.of("--json");

    private ScanCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        List<String> options = new ArrayList<>(argv);
        String positional = !options.isEmpty() && !options.get(0).startsWith("--") ? options.remove(0) : null;
        Args args = Args.parse(options, VALUE_FLAGS, SWITCHES);
        String connect = args.value("--connect", null);
        if (positional != null && connect != null) {
            throw new UsageException("give the server once: HOST:PORT or --connect HOST:PORT");
        }
        if (positional == null && connect == null) {
            throw new UsageException("missing HOST:PORT");
        }
        HostPort target = HostPort.parse(positional != null ? positional : connect);
        String serverName = args.value("--servername", HostPort.literal(target.host()) == null ? target.host() : null);
        int timeoutMillis = args.intValue("--timeout", 5, 1, 600) * 1000;
        Credentials.Builder trust = Credentials.client();
        String caFile = args.value("--cafile", null);
        if (caFile != null) {
            trust.trustAnchors(PemFiles.certificates(Path.of(caFile)));
        }
        Credentials judge = trust.build();
        Probe probe = new Probe(target, serverName, timeoutMillis);
        ScanReport report = new ServerScan(probe, judge.toBuilder(), judge).run();
        String where = target.host() + ":" + target.port();
        Instant now = Instant.now();
        out.print(args.has("--json") ? Json.write(report.toJson(where, serverName, now)) : report.toTable(where, serverName, now));
        out.flush();
        if (report.unreachable() != null) {
            err.println("scan " + where + ": " + report.unreachable());
            return 1;
        }
        return 0;
    }
}
