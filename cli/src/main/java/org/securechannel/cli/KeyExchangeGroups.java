package org.securechannel.cli;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Credentials;

/**
 * {@code --groups X25519MLKEM768,x25519}, as {@code openssl s_client -groups}: the key-exchange groups to enable,
 * by IANA name (any case), most preferred first. Without it, the defaults (X25519MLKEM768 first). A client sends
 * key shares for the first group and, when that is a hybrid, the first classical one.
 */
final class KeyExchangeGroups {
    static final String FLAG = "--groups";

    private KeyExchangeGroups() {
    }

    static void apply(Args args, Credentials.Builder b) throws UsageException {
        List<String> names = args.list(FLAG);
        if (names.isEmpty()) {
            return;
        }
        List<NamedGroup> groups = new ArrayList<>();
        for (String name : names) {
            NamedGroup g = byName(name);
            if (g == null) {
                throw new UsageException(FLAG + ": unknown group '" + name + "' (known: " + known() + ")");
            }
            if (!groups.contains(g)) {
                groups.add(g);
            }
        }
        b.groups(groups);
    }

    private static NamedGroup byName(String name) {
        for (NamedGroup g : NamedGroup.values()) {
            if (g.ianaName().equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }

    private static String known() {
        List<String> names = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            names.add(g.ianaName());
        }
        return String.join(",", names);
    }
}
