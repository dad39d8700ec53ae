package org.securechannel.cli;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.Credentials;

/**
 * What a server supports, found by offering one thing at a time: each version alone, each of its suites alone,
 * each group alone (and an offer of all of them with one key share, x25519's, which shows whether the server
 * answers with a HelloRetryRequest), each signature scheme alone, common ALPN protocols; the chain from the first
 * handshake, judged against the trust anchors and the host name; resumption (TLS 1.2 session IDs or tickets, TLS 1.3
 * tickets) by connecting twice.
 * Every probe is one bounded handshake ({@link Probe}), so a server that drops connections yields "no answer".
 * What SecureChannel cannot offer (0-RTT, OCSP status requests) is reported as not probed.
 */
final class ServerScan {
    /** ALPN protocols worth asking about: the web's. */
    static final List<String> ALPN_CANDIDATES = List.of("h2", "http/1.1");

    private final Probe probe;
    private final Credentials.Builder base;
    private final Credentials trustJudge;
    private final List<String> notes = new ArrayList<>();

    /**
     * @param base       client credentials to start each probe from (trust is not judged in probes)
     * @param trustJudge client credentials that judge the chain as a client using them would
     */
    ServerScan(Probe probe, Credentials.Builder base, Credentials trustJudge) {
        this.probe = probe;
        this.base = base.manualCredentialValidation(true);
        this.trustJudge = trustJudge;
    }

    ScanReport run() {
        Map<ProtocolVersion, List<CipherSuite>> suites = new LinkedHashMap<>();
        List<ProtocolVersion> versions = new ArrayList<>();
        List<X509Certificate> chain = List.of();
        String noAnswer = null;
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            Probe.Result r = probe.run(offer(suitesOf(v), null, null, null));
            if (r.connected()) {
                versions.add(v);
                if (chain.isEmpty()) {
                    chain = r.chain();
                }
            } else if (r.kind() == Probe.Kind.NO_ANSWER) {
                noAnswer = r.detail();
            } else {
                notes.add(v.jsseName() + ": " + describe(r));
            }
        }
        if (versions.isEmpty()) {
            return ScanReport.unreachable(noAnswer != null ? "no answer (" + noAnswer + ")" : "no version accepted", notes);
        }
        for (ProtocolVersion v : versions) {
            List<CipherSuite> accepted = new ArrayList<>();
            for (CipherSuite s : suitesOf(v)) {
                if (probe.run(offer(List.of(s), null, null, null)).connected()) {
                    accepted.add(s);
                }
            }
            suites.put(v, accepted);
        }
        ProtocolVersion best = versions.get(0);
        List<NamedGroup> groups = new ArrayList<>();
        for (NamedGroup g : Credentials.DEFAULT_GROUPS) {
            if (probe.run(offer(suitesOf(best), List.of(g), null, null)).connected()) {
                groups.add(g);
            }
        }
        ScanReport.Retry retry = null;
        if (best == ProtocolVersion.TLS13) {
            // Our groups with x25519 first, so the ClientHello carries exactly one key share, for x25519.
            List<NamedGroup> x25519First = new ArrayList<>(List.of(NamedGroup.X25519));
            for (NamedGroup g : Credentials.DEFAULT_GROUPS) {
                if (g != NamedGroup.X25519) {
                    x25519First.add(g);
                }
            }
            Probe.Result r = probe.run(offer(suitesOf(best), x25519First, null, null));
            if (r.connected()) {
                retry = new ScanReport.Retry(NamedGroup.X25519, r.info().helloRetryRequest(), r.info().group());
            }
        }
        List<SignatureScheme> schemes = new ArrayList<>();
        for (SignatureScheme s : Credentials.DEFAULT_SCHEMES) {
            if (probe.run(offer(suitesOf(best), null, List.of(s), null)).connected()) {
                schemes.add(s);
            }
        }
        List<String> alpn = new ArrayList<>();
        for (String p : ALPN_CANDIDATES) {
            Probe.Result r = probe.run(offer(suitesOf(best), null, null, p));
            if (r.connected() && p.equals(r.alpn())) {
                alpn.add(p);
            }
        }
        Boolean tls12Resumption = versions.contains(ProtocolVersion.TLS12) ? resumes(ProtocolVersion.TLS12) : null;
        TicketWatch tickets = new TicketWatch();
        Boolean tls13Tickets = versions.contains(ProtocolVersion.TLS13) ? resumes(ProtocolVersion.TLS13, tickets) : null;
        return new ScanReport(versions, suites, groups, retry, schemes, alpn, chain, hostnameMatches(chain),
                trust(), tls12Resumption, tls13Tickets, tickets.maxEarlyData(), notes, null);
    }

    private static List<CipherSuite> suitesOf(ProtocolVersion v) {
        return v == ProtocolVersion.TLS13 ? Credentials.DEFAULT_TLS13_SUITES : Credentials.DEFAULT_TLS12_SUITES;
    }

    /** A probe's credentials: these suites, and the groups, schemes and ALPN protocol given (null: our defaults). */
    private Credentials offer(List<CipherSuite> suites, List<NamedGroup> groups, List<SignatureScheme> schemes, String alpn) {
        Credentials.Builder b = base.build().toBuilder()
                .sessionCache(org.securechannel.handshake.SessionCache.NONE)
                .cipherSuites(suites)
                .groups(groups == null ? Credentials.DEFAULT_GROUPS : groups)
                .signatureSchemes(schemes == null ? Credentials.DEFAULT_SCHEMES : schemes);
        if (alpn != null) {
            b.applicationProtocols(alpn);
        }
        return b.build();
    }

    /**
     * Two connections of {@code version} sharing a session cache and a ticket store, each read to the server's
     * close_notify (TLS 1.3 tickets come after the handshake): whether the second resumed the first's session.
     */
    private boolean resumes(ProtocolVersion version) {
        return resumes(version, new TicketWatch());
    }

    private boolean resumes(ProtocolVersion version, TicketWatch tickets) {
        tickets.delegate = new org.securechannel.session.BoundedClientSessionStore(4, java.time.Duration.ofMinutes(5));
        Credentials shared = base.build().toBuilder().cipherSuites(suitesOf(version)).clientSessionStore(tickets).build();
        Probe.Result first = probe.run(shared, true);
        Probe.Result second = first.connected() ? probe.run(shared, true) : first;
        return second.connected() && second.info().resumed();
    }

    /**
     * The probes' session store, noting how much 0-RTT data the server's tickets allow (max_early_data_size, RFC 8446
     * §4.2.10): what a server advertises, without sending it data that could be replayed.
     */
    private static final class TicketWatch implements org.securechannel.session.ClientSessionStore {
        org.securechannel.session.ClientSessionStore delegate = org.securechannel.session.ClientSessionStore.NONE;
        private Long maxEarlyData;

        @Override
        public synchronized void put(Peer peer, org.securechannel.session.ClientSession session) {
            if (session.state().version() == ProtocolVersion.TLS13) {
                long allowed = session.state().maxEarlyDataSize();
                maxEarlyData = maxEarlyData == null ? allowed : Math.max(maxEarlyData, allowed);
            }
            delegate.put(peer, session);
        }

        @Override
        public java.util.Optional<org.securechannel.session.ClientSession> take(Peer peer) {
            return delegate.take(peer);
        }

        @Override
        public void forget(Peer peer) {
            delegate.forget(peer);
        }

        /** The largest max_early_data_size of the TLS 1.3 tickets seen (0: none allow 0-RTT); null without tickets. */
        synchronized Long maxEarlyData() {
            return maxEarlyData;
        }
    }

    /** Whether the leaf names the server: a handshake that trusts the chain's own top and checks the name. */
    private Boolean hostnameMatches(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return null;
        }
        Credentials nameCheck = base.build().toBuilder().manualCredentialValidation(false).hostnameVerification(true)
                .trustAnchors(List.of(chain.get(chain.size() - 1))).build();
        Probe.Result r = probe.run(nameCheck);
        if (r.connected()) {
            return true;
        }
        if (r.kind() == Probe.Kind.ERROR && r.detail() != null && r.detail().contains("host name")) {
            return false;
        }
        notes.add("host name: not judged (" + describe(r) + ")");
        return null;
    }

    /** The chain judged by the trust anchors a client would use: null when trusted, else why not. */
    private String trust() {
        Probe.Result r = probe.run(trustJudge);
        return r.connected() ? null : describe(r);
    }

    private static String describe(Probe.Result r) {
        return switch (r.kind()) {
            case CONNECTED -> "connected";
            case REFUSED -> "refused (" + r.detail() + ")";
            case NO_ANSWER -> "no answer (" + r.detail() + ")";
            case ERROR -> r.detail();
        };
    }
}
