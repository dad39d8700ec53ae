package org.securechannel.handshake.tls13;

/** What counts as a DNS host name for SNI (RFC 6066 §3). */
final class ServerNames {
    private ServerNames() {
    }

    /** False for IPv4/IPv6 literals and empty names: those are never sent as server_name. */
    static boolean isDnsName(String host) {
        if (host.isEmpty() || host.indexOf(':') >= 0) {
            return false;
        }
        return !host.matches("[0-9.]+");
    }

    static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
