package org.securechannel.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** HOST:PORT as given to --connect, with IPv6 literals in brackets ({@code [::1]:4433}). */
record HostPort(String host, int port) {

    static HostPort parse(String text) throws UsageException {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new UsageException("expected [IPV6]:PORT, not '" + text + "'");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new UsageException("expected HOST:PORT, not '" + text + "'");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host, p);
        } catch (NumberFormatException e) {
            throw new UsageException("bad port in '" + text + "'");
        }
    }

    /** The address when {@code host} is an IPv4 or IPv6 literal, else null (never a DNS lookup). */
    static InetAddress literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
