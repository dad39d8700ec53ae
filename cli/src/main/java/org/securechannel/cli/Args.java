package org.securechannel.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --flag value} / {@code --flag=value} / {@code --switch} options. Each command declares the
 * flags it knows; anything else is a usage error, so a typo never silently changes behaviour.
 */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * @param valueFlags  flags that take a value (may repeat; {@link #value} insists on at most one)
     * @param switchFlags flags without a value
     */
    static Args parse(List<String> argv, Set<String> valueFlags, Set<String> switchFlags) throws UsageException {
        Args args = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (valueFlags.contains(name)) {
                String v = inline;
                if (v == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    v = argv.get(++i);
                }
                args.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            } else if (switchFlags.contains(name)) {
                if (inline != null) {
                    throw new UsageException(name + " takes no value");
                }
                args.values.computeIfAbsent(name, k -> new ArrayList<>());
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return args;
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    List<String> values(String flag) {
        return values.getOrDefault(flag, List.of());
    }

    /** The single value of {@code flag}, or {@code fallback} when absent. */
    String value(String flag, String fallback) throws UsageException {
        List<String> v = values(flag);
        if (v.size() > 1) {
            throw new UsageException(flag + " may be given only once");
        }
        return v.isEmpty() ? fallback : v.get(0);
    }

    String required(String flag) throws UsageException {
        String v = value(flag, null);
        if (v == null) {
            throw new UsageException("missing " + flag);
        }
        return v;
    }

    int intValue(String flag, int fallback, int min, int max) throws UsageException {
        String v = value(flag, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number from " + min + " to " + max + ", not '" + v + "'");
        }
    }

    /** A comma-separated list such as {@code --alpn h2,http/1.1}; empty when absent. */
    List<String> list(String flag) throws UsageException {
        String v = value(flag, null);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            if (part.isEmpty()) {
                throw new UsageException(flag + " has an empty entry: '" + v + "'");
            }
            out.add(part);
        }
        return out;
    }
}
