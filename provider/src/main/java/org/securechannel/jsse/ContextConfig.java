package org.securechannel.jsse;

import java.security.Security;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.Credentials;

/**
 * What an initialised SSLContext hands to its engines: the managers, and the defaults SunJSSE takes from
 * system and security properties when the context is initialised ({@code jdk.tls.client.protocols},
 * {@code jdk.tls.server.protocols}, {@code jdk.tls.client.cipherSuites}, {@code jdk.tls.server.cipherSuites},
 * {@code jdk.tls.namedGroups}, and the {@code jdk.tls.disabledAlgorithms} security property), and our own
 * security property {@value #HANDSHAKE_TIMEOUT_PROPERTY}.
 */
final class ContextConfig {
    /**
     * Security property: milliseconds an SSLSocket's handshake may take before it is abandoned (the socket is
     * closed and the handshake call throws an SSLHandshakeException). Unset, empty, zero or not a number: no
     * limit beyond SO_TIMEOUT, as with SunJSSE. Read when an SSLContext is initialised.
     */
    static final String HANDSHAKE_TIMEOUT_PROPERTY = "org.securechannel.handshakeTimeout";

    final X509KeyManager keyManager;
    final X509TrustManager trustManager;
    final SecureRandom random;
    final List<String> clientProtocols;
    final List<String> serverProtocols;
    final List<String> clientSuites;
    final List<String> serverSuites;
    final List<String> supportedSuites;
    final List<NamedGroup> groups;
    final List<SignatureScheme> schemes;
    /** The standard names of {@link #schemes}, computed once: every session without constraints shares them. */
    final List<String> schemeNames;
    final SessionContext clientSessions = new SessionContext();
    final SessionContext serverSessions = new SessionContext();

    final Duration handshakeTimeout;
    /** SunJSSE's switches for TLS 1.3 tickets, read once per SSLContext: both default to true. */
    final boolean serverTickets;
    final boolean clientTickets;
    /** jdk.tls.server.sessionTicketTimeout: a ticket's lifetime in seconds (SunJSSE's default, a day, is longer than ours). */
    final Duration ticketLifetime;

    /**
     * @param tls12Context whether this is an SSLContext "TLSv1.2": as SunJSSE's, its clients enable TLS 1.2 (and no
     *                     higher) and ignore jdk.tls.client.protocols; its servers accept both versions
     */
    ContextConfig(X509KeyManager keyManager, X509TrustManager trustManager, SecureRandom random, boolean tls12Context) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.random = random;
        Set<String> disabled = disabledAlgorithms();
        List<String> protocols = new ArrayList<>(Names.SUPPORTED_PROTOCOLS);
        protocols.removeIf(p -> disabled.contains(p.toLowerCase(Locale.ROOT)));
        this.clientProtocols = tls12Context ? protocols.stream().filter(Names.TLS12::equals).toList()
                : protocols(System.getProperty("jdk.tls.client.protocols"), protocols);
        this.serverProtocols = protocols(System.getProperty("jdk.tls.server.protocols"), protocols);
        List<String> suites = new ArrayList<>();
        for (CipherSuite s : Credentials.DEFAULT_SUITES) {
            if (!disabled.contains(Names.suite(s).toLowerCase(Locale.ROOT))) {
                suites.add(Names.suite(s));
            }
        }
        this.supportedSuites = List.copyOf(suites);
        this.clientSuites = suites(System.getProperty("jdk.tls.client.cipherSuites"), supportedSuites);
        this.serverSuites = suites(System.getProperty("jdk.tls.server.cipherSuites"), supportedSuites);
        this.groups = groups(System.getProperty("jdk.tls.namedGroups"), disabled);
        List<SignatureScheme> schemes = new ArrayList<>(Credentials.DEFAULT_SCHEMES);
        schemes.removeIf(s -> disabled.contains(s.ianaName().toLowerCase(Locale.ROOT)));
        this.schemes = List.copyOf(schemes);
        this.schemeNames = Names.standardNames(this.schemes);
        this.handshakeTimeout = handshakeTimeout(Security.getProperty(HANDSHAKE_TIMEOUT_PROPERTY));
        this.serverTickets = !"false".equalsIgnoreCase(System.getProperty("jdk.tls.server.enableSessionTicketExtension", "true").trim());
        this.clientTickets = !"false".equalsIgnoreCase(System.getProperty("jdk.tls.client.enableSessionTicketExtension", "true").trim());
        this.ticketLifetime = ticketLifetime(System.getProperty("jdk.tls.server.sessionTicketTimeout"));
    }

    /**
     * Seconds, as SunJSSE reads the property; a value that is not a number, or outside 1 s..7 days (RFC 8446
     * §4.6.1), leaves our default (2 hours), as SunJSSE ignores what it cannot use.
     */
    private static Duration ticketLifetime(String seconds) {
        Duration fallback = Credentials.DEFAULT_TICKET_LIFETIME;
        if (seconds == null) {
            return fallback;
        }
        try {
            long s = Long.parseLong(seconds.trim());
            return s >= 1 && s <= Credentials.MAX_TICKET_LIFETIME.getSeconds() ? Duration.ofSeconds(s) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Duration handshakeTimeout(String millis) {
        try {
            long ms = millis == null ? 0 : Long.parseLong(millis.trim());
            return ms > 0 ? Duration.ofMillis(ms) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO; // as SunJSSE treats a malformed numeric property: the default
        }
    }

    /** A property names protocols in any order; we enable those we support (possibly none: handshakes then fail). */
    private static List<String> protocols(String property, List<String> available) {
        if (property == null || property.isBlank()) {
            return List.copyOf(available);
        }
        List<String> named = split(property);
        List<String> enabled = new ArrayList<>();
        for (String p : available) {
            if (named.contains(p)) {
                enabled.add(p);
            }
        }
        return List.copyOf(enabled);
    }

    /** The suites a property names, in its order; none we know means the defaults, as in SunJSSE. */
    private static List<String> suites(String property, List<String> available) {
        if (property == null || property.isBlank()) {
            return available;
        }
        List<String> enabled = new ArrayList<>();
        for (String s : split(property)) {
            if (available.contains(s) && !enabled.contains(s)) {
                enabled.add(s);
            }
        }
        return enabled.isEmpty() ? available : List.copyOf(enabled);
    }

    private static List<NamedGroup> groups(String property, Set<String> disabled) {
        List<NamedGroup> groups = new ArrayList<>();
        if (property == null || property.isBlank()) {
            groups.addAll(Credentials.DEFAULT_GROUPS);
        } else {
            for (String name : split(property)) {
                NamedGroup g = Names.group(name);
                if (g != null && !groups.contains(g)) {
                    groups.add(g);
                }
            }
        }
        groups.removeIf(g -> disabled.contains(g.ianaName().toLowerCase(Locale.ROOT)));
        return groups.isEmpty() ? Credentials.DEFAULT_GROUPS : List.copyOf(groups);
    }

    /**
     * The algorithm names in {@code jdk.tls.disabledAlgorithms}, lower case. Constraints with conditions
     * ("EC keySize < 224") only disable by name when they have none; key-size limits are the trust
     * manager's business.
     */
    static Set<String> disabledAlgorithms() {
        Set<String> names = new TreeSet<>();
        String property = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (property == null) {
            return names;
        }
        for (String entry : property.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty() && !e.contains(" ")) {
                names.add(e.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> split(String property) {
        List<String> list = new ArrayList<>();
        for (String s : property.replace("\"", "").split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        return list;
    }
}
