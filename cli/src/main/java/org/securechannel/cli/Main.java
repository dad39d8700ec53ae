package org.securechannel.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code java -jar securechannel-cli.jar COMMAND}. The work happens in {@link #run}, which
 * returns the exit status instead of exiting, so tests can call it in-process: 0 success, 1 the connection
 * or handshake failed (scan: the server answered no handshake), 2 bad usage (unknown option, missing file, port
 * in use, unreadable key). Problems are one line on standard error; {@code --verbose} (before the command's
 * options) adds the stack trace.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: securechannel-cli COMMAND [OPTIONS]",
            "  demo        a client and a server in this process over loopback, every step printed",
            "  server --port N [--cert PEM --key PEM]... [--pkcs12 P12 --password-file FILE] [--www] [--alpn a,b]",
            "         [--client-auth none|optional|required] [--client-ca PEM] [--bind IP] [--max-connections N]",
            "         [--timeout SECONDS] [--tls1_2 | --tls1_3] [--groups g1,g2] [--ticket-keys FILE [--ticket-kek KEKFILE]]",
            "         [--keylog FILE] [--trace] [--early-data BYTES]",
            "         --early-data accepts up to BYTES of 0-RTT data per connection (off by default; replayable data:",
            "         each ClientHello's is taken once per server process);",
            "         each certificate must match its key (checked at start); --www answers HTTP/1.1 and so never",
            "         offers h2 in ALPN (http/1.1 unless --alpn names others); --pkcs12 reads a PKCS#12 key store",
            "         (keytool -storetype PKCS12) whose password is the first line of --password-file, not an argument",
            "         that ps would show",
            "  client --connect HOST:PORT [--servername NAME] [--cafile PEM | --insecure] [--alpn a,b]",
            "         [--cert PEM --key PEM | --pkcs12 P12 --password-file FILE] [--timeout SECONDS] [--tls1_2 | --tls1_3]",
            "         [--groups g1,g2] [--keylog FILE] [--trace] [--showcerts] [--reconnect N]",
            "         [--sess-out FILE] [--sess-in FILE [--early-data FILE]]",
            "         --sess-out saves the session the server gave (a secret: keep the file private), --sess-in resumes",
            "         it, --early-data sends FILE as 0-RTT data on it when the ticket allows (else after the handshake)",
            "         (--cert/--key or --pkcs12: a certificate for client authentication, checked against its key)",
            "  scan HOST:PORT [--servername NAME] [--json] [--cafile PEM] [--timeout SECONDS]",
            "  " + TicketKeysCommand.USAGE,
            "         session-ticket keys for servers to share: print ids and statuses, never key material",
            "  (without --tls1_2 or --tls1_3 both versions are enabled, TLS 1.3 preferred;",
            "   --groups by IANA name, e.g. X25519MLKEM768,x25519, which is the default's start)",
            "  --keylog FILE appends each connection's secrets in the NSS key log format (for Wireshark): debugging only",
            "  --verbose before the command prints stack traces with errors",
            "  exit status: 0 success, 1 connection, handshake or verification failed, 2 bad usage");

    private static final List<String> COMMANDS = List.of("demo", "server", "client", "scan", "ticket-keys");

    private Main() {
    }

    /** The lines of {@link #USAGE} about {@code command} (its line and the indented lines that continue it), then the notes. */
    static String usageOf(String command) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("usage: securechannel-cli " + command + " [OPTIONS]");
        boolean kept = false; // whether the block the current line belongs to is shown
        for (String line : USAGE.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                String head = line.trim();
                boolean inCommand = head.equals(command) || head.startsWith(command + " ");
                // the notes that hold for every command, with the lines that continue them
                boolean note = head.startsWith("(") || head.startsWith("--") || head.startsWith("exit status");
                kept = inCommand || note;
            }
            if (kept && line.startsWith("  ")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("securechannel: missing command (demo, server, client or scan); try 'help'");
            return 2;
        }
        boolean verbose = args[0].equals("--verbose");
        if (verbose && args.length == 1) {
            err.println("securechannel: missing command (demo, server, client or scan); try 'help'");
            return 2;
        }
        int first = verbose ? 1 : 0;
        String command = args[first];
        List<String> rest = Arrays.asList(args).subList(first + 1, args.length);
        if (COMMANDS.contains(command) && (rest.contains("--help") || rest.contains("-h"))) {
            // `client --help` and the like: that command's usage, and no error.
            out.println(usageOf(command));
            return 0;
        }
        try {
            switch (command) {
                case "demo":
                    return DemoCommand.run(rest, out, err);
                case "server":
                    return ServerCommand.run(rest, out, err);
                case "client":
                    return ClientCommand.run(rest, stdin, out, err);
                case "scan":
                    return ScanCommand.run(rest, out, err);
                case "ticket-keys":
                    return TicketKeysCommand.run(rest, out);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + command + "' (demo, server, client or scan)");
            }
        } catch (UsageException e) {
            err.println("securechannel " + command + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("securechannel " + command + ": interrupted");
            return 1;
        } catch (Exception e) {
            err.println("securechannel " + command + ": " + PemFiles.oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
