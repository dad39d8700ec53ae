package org.securechannel.context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Does a certificate name the host we meant to reach? RFC 6125 as updated by RFC 9525: DNS names against
 * subjectAltName dNSName entries, IP literals against iPAddress entries, and never the subject CN (which
 * browsers and RFC 9525 have abandoned, and which cannot say whether it holds a name or an address).
 */
final class HostnameChecker {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameChecker() {
    }

    /** True when {@code hostName} (a DNS name in A-label form, or an IPv4/IPv6 literal) is named by {@code cert}. */
    static boolean matches(String hostName, X509Certificate cert) {
        if (hostName == null || hostName.isEmpty() || cert == null) {
            return false;
        }
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false; // an unparseable SAN names nothing
        }
        if (sans == null) {
            return false;
        }
        InetAddress ip = ipLiteral(hostName);
        if (ip != null) {
            return sans.stream().anyMatch(san -> isType(san, SAN_IP) && ip.equals(ipLiteral((String) san.get(1))));
        }
        String host = normalizeDnsName(hostName);
        if (host == null) {
            return false;
        }
        return sans.stream().anyMatch(san -> isType(san, SAN_DNS) && dnsMatches(host, (String) san.get(1)));
    }

    private static boolean isType(List<?> san, int type) {
        return san.size() >= 2 && san.get(0) instanceof Integer && (Integer) san.get(0) == type
                && san.get(1) instanceof String;
    }

    /** Compares a normalized host with one dNSName entry, which may hold one left-most wildcard label. */
    private static boolean dnsMatches(String host, String entry) {
        String pattern = normalizeDnsName(entry.startsWith("*.") ? "w" + entry.substring(1) : entry);
        if (pattern == null) {
            return false;
        }
        if (!entry.startsWith("*.")) {
            return host.equals(pattern);
        }
        String parent = pattern.substring(pattern.indexOf('.') + 1);
        // "*.com" would cover a whole top-level domain: require the wildcard's parent to have two labels.
        if (parent.indexOf('.') < 0) {
            return false;
        }
        int dot = host.indexOf('.');
        // The wildcard stands for exactly one non-empty label: not the parent itself, not two labels.
        return dot > 0 && host.substring(dot + 1).equals(parent);
    }

    /**
     * Lower-cases an ASCII DNS name and drops one trailing dot; null when it is not a plausible name
     * (empty labels, non-ASCII, wildcards or other characters a host name cannot contain).
     */
    private static String normalizeDnsName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.length() > 253) {
            return null;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return null;
            }
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return null;
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /**
     * The address when {@code s} is an IPv4 dotted quad or an IPv6 literal (optionally in brackets), else
     * null. Only literals reach InetAddress, so nothing is ever looked up in DNS.
     */
    static InetAddress ipLiteral(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = t.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean v6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
