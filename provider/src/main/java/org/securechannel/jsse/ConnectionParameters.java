package org.securechannel.jsse;

import java.security.AlgorithmConstraints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import org.securechannel.codec.NamedGroup;

/**
 * The SSLParameters-like settings of an SSLSocket or SSLServerSocket (accepted sockets start with a copy of
 * their server socket's), and the SSLEngine's. Names we know but refuse are left out of a list that still holds
 * something we support, and refused with the reason when nothing would be left ({@link RefusedNames}); unknown
 * names are refused as SunJSSE refuses them; null lists in SSLParameters leave a setting as it was.
 * Thread-safe: key and trust managers read the parameters from inside a handshake.
 */
final class ConnectionParameters {

    private final ContextConfig config;
    private boolean clientMode;
    private List<String> enabledProtocols;
    private List<String> enabledSuites;
    private boolean protocolsSet;
    private boolean suitesSet;
    private List<SNIServerName> serverNames;
    private Collection<SNIMatcher> sniMatchers;
    private static final String[] NONE = new String[0];
    private String[] applicationProtocols = NONE;
    private String endpointIdentification;
    private boolean needClientAuth;
    private boolean wantClientAuth;
    private AlgorithmConstraints algorithmConstraints;
    private boolean useCipherSuitesOrder = true;
    private boolean enableSessionCreation = true;
    /** Set through SSLParameters.setNamedGroups (JDK 20+); null: the context's (jdk.tls.namedGroups). */
    private List<NamedGroup> namedGroups;

    ConnectionParameters(ContextConfig config, boolean clientMode) {
        this.config = config;
        this.clientMode = clientMode;
        useDefaultsForMode();
    }

    synchronized ConnectionParameters copy() {
        ConnectionParameters c = new ConnectionParameters(config, clientMode);
        c.enabledProtocols = enabledProtocols;
        c.enabledSuites = enabledSuites;
        c.protocolsSet = protocolsSet;
        c.suitesSet = suitesSet;
        c.serverNames = serverNames;
        c.sniMatchers = sniMatchers;
        c.applicationProtocols = applicationProtocols;
        c.endpointIdentification = endpointIdentification;
        c.needClientAuth = needClientAuth;
        c.wantClientAuth = wantClientAuth;
        c.algorithmConstraints = algorithmConstraints;
        c.useCipherSuitesOrder = useCipherSuitesOrder;
        c.enableSessionCreation = enableSessionCreation;
        c.namedGroups = namedGroups;
        return c;
    }

    private void useDefaultsForMode() {
        if (!protocolsSet) {
            enabledProtocols = clientMode ? config.clientProtocols : config.serverProtocols;
        }
        if (!suitesSet) {
            enabledSuites = clientMode ? config.clientSuites : config.serverSuites;
        }
    }

    /** The handshake request for a connection to (or from) {@code peerHost}. */
    synchronized ConnectionCredentials.Request request(String peerHost, int peerPort, Function<List<String>, String> selector) {
        return new ConnectionCredentials.Request(clientMode, peerHost, peerPort, enabledProtocols, enabledSuites, serverNames,
                List.of(applicationProtocols), endpointIdentification, needClientAuth, wantClientAuth, enableSessionCreation,
                selector, sniMatchers, algorithmConstraints, namedGroups == null ? config.groups : namedGroups);
    }

    synchronized void clientMode(boolean mode) {
        clientMode = mode;
        useDefaultsForMode();
    }

    synchronized boolean clientMode() {
        return clientMode;
    }

    String[] supportedSuites() {
        return config.supportedSuites.toArray(new String[0]);
    }

    synchronized String[] enabledSuites() {
        return enabledSuites.toArray(new String[0]);
    }

    synchronized void enabledSuites(String[] suites) {
        if (suites == null) {
            throw new IllegalArgumentException("cipher suites must not be null");
        }
        List<String> enabled = new ArrayList<>();
        String refused = null;
        for (String s : suites) {
            if (s == null) {
                throw new IllegalArgumentException("a cipher suite name is null");
            }
            if (config.supportedSuites.contains(s)) {
                if (!enabled.contains(s)) {
                    enabled.add(s);
                }
            } else if (!RefusedNames.signalling(s)) {
                // Known suites we refuse are dropped from a mixed list (frameworks pass SunJSSE's long lists).
                String why = Names.suite(s) != null ? s + " is disabled by jdk.tls.disabledAlgorithms" : RefusedNames.suite(s);
                if (why == null) {
                    throw new IllegalArgumentException("Unsupported CipherSuite: " + s);
                }
                refused = refused == null ? why : refused;
            }
        }
        if (enabled.isEmpty() && refused != null) {
            throw new IllegalArgumentException("no cipher suite SecureChannel supports was enabled: " + refused);
        }
        enabledSuites = List.copyOf(enabled);
        suitesSet = true;
    }

    synchronized String[] enabledProtocols() {
        return enabledProtocols.toArray(new String[0]);
    }

    synchronized void enabledProtocols(String[] protocols) {
        if (protocols == null) {
            throw new IllegalArgumentException("protocols must not be null");
        }
        List<String> enabled = new ArrayList<>();
        String refused = null;
        for (String p : protocols) {
            if (Names.SUPPORTED_PROTOCOLS.contains(p)) {
                if (!enabled.contains(p)) {
                    enabled.add(p);
                }
            } else if (RefusedNames.protocol(p) != null) {
                refused = refused == null ? RefusedNames.protocol(p) : refused;
            } else {
                throw new IllegalArgumentException("Unsupported protocol: " + p);
            }
        }
        if (enabled.isEmpty() && refused != null) {
            throw new IllegalArgumentException("no protocol SecureChannel supports was enabled: " + refused);
        }
        enabledProtocols = List.copyOf(enabled);
        protocolsSet = true;
    }

    synchronized void needClientAuth(boolean need) {
        needClientAuth = need;
        wantClientAuth = false;
    }

    synchronized boolean needClientAuth() {
        return needClientAuth;
    }

    synchronized void wantClientAuth(boolean want) {
        wantClientAuth = want;
        needClientAuth = false;
    }

    synchronized boolean wantClientAuth() {
        return wantClientAuth;
    }

    synchronized void enableSessionCreation(boolean flag) {
        enableSessionCreation = flag;
    }

    synchronized boolean enableSessionCreation() {
        return enableSessionCreation;
    }

    synchronized SSLParameters get(String peerHost) {
        SSLParameters p = new SSLParameters(enabledSuites(), enabledProtocols());
        if (needClientAuth) {
            p.setNeedClientAuth(true);
        } else if (wantClientAuth) {
            p.setWantClientAuth(true);
        }
        p.setServerNames(clientMode ? ConnectionCredentials.requestedServerNames(serverNames, peerHost)
                : serverNames == null ? List.of() : serverNames);
        if (sniMatchers != null) {
            p.setSNIMatchers(sniMatchers);
        }
        p.setApplicationProtocols(applicationProtocols);
        p.setEndpointIdentificationAlgorithm(endpointIdentification);
        p.setAlgorithmConstraints(algorithmConstraints);
        p.setUseCipherSuitesOrder(useCipherSuitesOrder);
        NamedGroupsParameter.set(p, Names.groupNames(namedGroups == null ? config.groups : namedGroups));
        return p;
    }

    synchronized void set(SSLParameters p) {
        if (p.getCipherSuites() != null) {
            enabledSuites(p.getCipherSuites());
        }
        if (p.getProtocols() != null) {
            enabledProtocols(p.getProtocols());
        }
        if (p.getNeedClientAuth()) {
            needClientAuth(true);
        } else {
            wantClientAuth(p.getWantClientAuth());
        }
        if (p.getServerNames() != null) {
            serverNames = List.copyOf(p.getServerNames());
        }
        if (p.getSNIMatchers() != null) {
            sniMatchers = List.copyOf(p.getSNIMatchers());
        }
        String[] alpn = p.getApplicationProtocols();
        if (alpn != null) {
            for (String a : alpn) {
                if (a == null || a.isEmpty()) {
                    throw new IllegalArgumentException("an application protocol name is empty");
                }
            }
            applicationProtocols = alpn.clone();
        }
        endpointIdentification = p.getEndpointIdentificationAlgorithm();
        algorithmConstraints = p.getAlgorithmConstraints();
        useCipherSuitesOrder = p.getUseCipherSuitesOrder();
        String[] groups = NamedGroupsParameter.get(p);
        if (groups != null) {
            namedGroups = Names.groups(groups);
        }
    }
}
