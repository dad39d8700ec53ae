package org.securechannel.context;

import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.session.ServerTicketPolicy;

/**
 * What a party brings to a security context, after Schannel's SCH_CREDENTIALS: immutable, built once and
 * shared by any number of contexts. Preference lists are in preference order, most preferred first.
 */
public final class Credentials {
    /** Which side of the handshake these credentials serve. */
    public enum Role { CLIENT, SERVER }

    /** Whether a server asks for, and insists on, a client certificate. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    /** A certificate chain (leaf first) and the private key of its leaf. */
    public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {
        public CertifiedKey {
            chain = List.copyOf(chain);
            Objects.requireNonNull(privateKey, "privateKey");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a certificate chain needs at least the leaf");
            }
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /** The TLS 1.3 suites, in our order of preference. */
    public static final List<CipherSuite> DEFAULT_TLS13_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
    /** The TLS 1.2 suites: ECDHE with an AEAD only (RFC 9325), ECDSA before RSA at each strength. */
    public static final List<CipherSuite> DEFAULT_TLS12_SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    /**
     * Both versions, TLS 1.3 first: a version is enabled when one of its suites is, so this default negotiates
     * TLS 1.3 where the peer can and TLS 1.2 where it cannot. Pass TLS 1.3's suites alone for a 1.3-only context.
     */
    public static final List<CipherSuite> DEFAULT_SUITES = concat(DEFAULT_TLS13_SUITES, DEFAULT_TLS12_SUITES);

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> both = new java.util.ArrayList<>(a);
        both.addAll(b);
        return List.copyOf(both);
    }
    /**
     * X25519MLKEM768 first (post-quantum hybrid, as browsers, OpenSSL 3.5 and BoringSSL default to), so a client
     * sends its share beside an x25519 one (ClientShares); then the elliptic curves, the other two hybrids
     * (which a server prefers whenever the client sent a share for one: ServerGroupPreference), and the RFC 7919
     * finite-field groups last, so that a peer that has only those still gets a handshake (through a
     * HelloRetryRequest if it sent no share we take), never a handshake_failure. Hybrids the crypto backend
     * cannot do (no bcprov 1.79+) are left out when credentials are built.
     */
    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(
            NamedGroup.X25519_MLKEM768, NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP256R1_MLKEM768, NamedGroup.SECP384R1_MLKEM1024,
            NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096);
    public static final List<SignatureScheme> DEFAULT_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ED25519,
            SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
            SignatureScheme.RSA_PSS_PSS_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.ECDSA_SECP521R1_SHA512);

    private final Role role;
    private final List<CertifiedKey> certificates;
    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> applicationProtocols;
    private final Function<List<String>, String> applicationProtocolSelector;
    private final Predicate<String> serverNameAcceptor;
    private final boolean manualCredentialValidation;
    private final boolean hostnameVerification;
    private final ClientAuth clientAuth;
    private final CryptoBackend crypto;
    private final SecureRandom random;
    private final CertificateMapper certificateMapper;
    private final Duration handshakeTimeout;
    private final org.securechannel.handshake.SessionCache sessions;
    private final KeyLog keyLog;
    private final String peerHost;
    private final int peerPort;
    private final org.securechannel.session.TicketSealer ticketSealer;
    private final org.securechannel.session.ClientSessionStore clientSessionStore;
    private final ServerTicketPolicy ticketPolicy;

    private Credentials(Builder b) {
        this.role = b.role;
        this.certificates = List.copyOf(b.certificates);
        this.keyManager = b.keyManager;
        this.trustManager = b.trustManager;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.groups = Builder.supportedGroups(b.groups, b.crypto);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.applicationProtocols = List.copyOf(b.applicationProtocols);
        this.applicationProtocolSelector = b.applicationProtocolSelector;
        this.serverNameAcceptor = b.serverNameAcceptor;
        this.manualCredentialValidation = b.manualCredentialValidation;
        this.hostnameVerification = b.hostnameVerification;
        this.clientAuth = b.clientAuth;
        this.crypto = b.crypto;
        this.random = b.random;
        this.certificateMapper = b.certificateMapper;
        this.handshakeTimeout = b.handshakeTimeout;
        this.sessions = b.sessions != null ? b.sessions
                : new org.securechannel.handshake.BoundedSessionCache(DEFAULT_SESSION_CACHE_SIZE, DEFAULT_SESSION_LIFETIME);
        this.keyLog = b.keyLog;
        this.peerHost = b.peerHost;
        this.peerPort = b.peerPort;
        this.ticketSealer = b.ticketSealer;
        this.clientSessionStore = b.clientSessionStore;
        this.ticketPolicy = b.ticketPolicy;
        this.defaultTickets = b.defaultTickets != null ? b.defaultTickets : new DefaultTickets();
    }

    /** As SunJSSE's session caches: 20,480 sessions, each resumable for 24 hours after its full handshake. */
    public static final int DEFAULT_SESSION_CACHE_SIZE = 20_480;
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(24);

    public static Builder client() {
        return new Builder(Role.CLIENT);
    }

    public static Builder server() {
        return new Builder(Role.SERVER);
    }

    /** A builder starting from these credentials, e.g. to add a client certificate after INCOMPLETE_CREDENTIALS. */
    public Builder toBuilder() {
        Builder b = new Builder(role);
        b.certificates.addAll(certificates);
        b.keyManager = keyManager;
        b.trustManager = trustManager;
        b.cipherSuites = cipherSuites;
        b.groups = groups;
        b.signatureSchemes = signatureSchemes;
        b.applicationProtocols = applicationProtocols;
        b.applicationProtocolSelector = applicationProtocolSelector;
        b.serverNameAcceptor = serverNameAcceptor;
        b.manualCredentialValidation = manualCredentialValidation;
        b.hostnameVerification = hostnameVerification;
        b.clientAuth = clientAuth;
        b.crypto = crypto;
        b.random = random;
        b.certificateMapper = certificateMapper;
        b.handshakeTimeout = handshakeTimeout;
        b.sessions = sessions; // the same cache: a copy made per connection (e.g. to name the peer) still resumes
        b.keyLog = keyLog;
        b.peerHost = peerHost;
        b.peerPort = peerPort;
        b.ticketSealer = ticketSealer;
        b.clientSessionStore = clientSessionStore;
        b.ticketPolicy = ticketPolicy;
        b.defaultTickets = defaultTickets;
        return b;
    }

    public Role role() {
        return role;
    }

    public List<CertifiedKey> certificates() {
        return certificates;
    }

    /** The key manager, or null when certificates were given directly. */
    public X509KeyManager keyManager() {
        return keyManager;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    public List<String> applicationProtocols() {
        return applicationProtocols;
    }

    /** Server: the ALPN selector, or null when {@link #applicationProtocols()} decides. */
    public Function<List<String>, String> applicationProtocolSelector() {
        return applicationProtocolSelector;
    }

    /** Server: judges the client's SNI host name, or null when every name is accepted. */
    public Predicate<String> serverNameAcceptor() {
        return serverNameAcceptor;
    }

    public boolean manualCredentialValidation() {
        return manualCredentialValidation;
    }

    /** Client: whether the server's leaf must name the server name the context was created for. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public CryptoBackend crypto() {
        return crypto;
    }

    public SecureRandom random() {
        return random;
    }

    /** Server: turns validated client chains into Subjects for impersonation; null when none is set. */
    public CertificateMapper certificateMapper() {
        return certificateMapper;
    }

    /**
     * How long a handshake may take, from its first step to its end, before the driver doing the I/O abandons
     * it; {@link Duration#ZERO} (the default) for no limit beyond the transport's own timeouts. The engine does
     * no I/O and keeps no clock: the SSLSocket enforces this (the SSLEngine leaves timing to its caller, as
     * SunJSSE's does).
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Where resumable sessions are kept (TLS 1.2 session IDs, RFC 5246 §7.3): shared by every context made with
     * these credentials, so build one Credentials per server (or per client configuration) and reuse it. A
     * server finds sessions by ID, a client by the server name it connects to.
     */
    public org.securechannel.handshake.SessionCache sessionCache() {
        return sessions;
    }

    /**
     * Where the secrets of each handshake go, in the NSS key log format, or null (the default) for nowhere. Set in
     * code by {@link Builder#keyLog}; otherwise {@link Builder#build()} takes it from the security property
     * {@code org.securechannel.keyLogFile} (see {@link KeyLog}).
     */
    public KeyLog keyLog() {
        return keyLog;
    }

    /** The peer's host as the caller knows it, for diagnostics (JFR events, logs); null when not given. */
    public String peerHost() {
        return peerHost;
    }

    /** The peer's port, for diagnostics; -1 when not given. */
    public int peerPort() {
        return peerPort;
    }

    /**
     * Server: what seals session tickets (e.g. a {@link org.securechannel.session.TinkTicketSealer} over a keyset file
     * a fleet shares), or null when none was configured.
     */
    public org.securechannel.session.TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /**
     * Server: how many tickets, their lifetime, psk_ke, 0-RTT and its anti-replay;
     * {@link ServerTicketPolicy#DEFAULT} unless set.
     */
    public ServerTicketPolicy ticketPolicy() {
        return ticketPolicy;
    }

    /** Client: where tickets are kept per server, or null when none was configured. */
    public org.securechannel.session.ClientSessionStore clientSessionStore() {
        return clientSessionStore;
    }

    /** How long a TLS 1.3 ticket may be used unless {@link Builder#ticketLifetime} says otherwise. */
    public static final Duration DEFAULT_TICKET_LIFETIME =
            Duration.ofSeconds(org.securechannel.handshake.TicketResumption.DEFAULT_LIFETIME_SECONDS);
    /** The longest ticket lifetime RFC 8446 §4.6.1 allows: seven days. */
    public static final Duration MAX_TICKET_LIFETIME =
            Duration.ofSeconds(org.securechannel.handshake.TicketResumption.MAX_LIFETIME_SECONDS);

    /** Server: how many TLS 1.3 NewSessionTickets follow each handshake (default 2; 0: none). */
    public int ticketsPerHandshake() {
        return ticketPolicy.ticketsPerHandshake();
    }

    /** Server: how long a ticket may be used (default 2 hours, at most 7 days). */
    public Duration ticketLifetime() {
        return ticketPolicy.lifetime();
    }

    /**
     * Made on first use when no sealer was configured: one in-memory keyset, shared with every copy made by
     * {@link #toBuilder()} that keeps the sealer (a server naming each connection's peer in a copy still resumes).
     */
    private final DefaultTickets defaultTickets;

    /** The lazily made default ticket keys of one line of Credentials copies. */
    private static final class DefaultTickets {
        private volatile org.securechannel.session.SessionTickets tickets;

        org.securechannel.session.SessionTickets get() {
            org.securechannel.session.SessionTickets t = tickets;
            if (t == null && org.securechannel.session.TinkAvailability.available()) {
                synchronized (this) {
                    t = tickets;
                    if (t == null) {
                        t = new org.securechannel.session.SessionTickets(org.securechannel.session.TinkTicketSealer.inMemory());
                        tickets = t;
                    }
                }
            }
            return t;
        }
    }

    /** Made on first use from the configured sealer. */
    private volatile org.securechannel.session.SessionTickets configuredTickets;

    /**
     * Server: how these credentials issue and redeem tickets: with the configured {@link #ticketSealer()}, else with
     * a fresh in-memory keyset made on first use and shared by every context of these credentials and their copies
     * (as SunJSSE keeps one ticket key per process: tickets resume on this server until it stops). Null when no
     * sealer was configured and Google Tink, which the default keyset needs, is not on the class path: no tickets then.
     */
    org.securechannel.session.SessionTickets sessionTickets() {
        if (ticketSealer == null) {
            return defaultTickets.get();
        }
        org.securechannel.session.SessionTickets t = configuredTickets;
        if (t == null) {
            synchronized (this) {
                t = configuredTickets;
                if (t == null) {
                    t = new org.securechannel.session.SessionTickets(ticketSealer);
                    configuredTickets = t;
                }
            }
        }
        return t;
    }

    /** Builds {@link Credentials}; every setter replaces what was set before, except {@link #certificate}. */
    public static final class Builder {
        private final Role role;
        private final List<CertifiedKey> certificates = new ArrayList<>();
        private X509KeyManager keyManager;
        private X509TrustManager trustManager;
        private List<CipherSuite> cipherSuites = DEFAULT_SUITES;
        private List<NamedGroup> groups = DEFAULT_GROUPS;
        private List<SignatureScheme> signatureSchemes = DEFAULT_SCHEMES;
        private List<String> applicationProtocols = List.of();
        private Function<List<String>, String> applicationProtocolSelector;
        private Predicate<String> serverNameAcceptor;
        private boolean manualCredentialValidation;
        private boolean hostnameVerification = true;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private CryptoBackend crypto = CryptoBackend.defaultBackend();
        private SecureRandom random;
        private CertificateMapper certificateMapper;
        private Duration handshakeTimeout = Duration.ZERO;
        private org.securechannel.handshake.SessionCache sessions;
        private KeyLog keyLog;
        private String peerHost;
        private int peerPort = -1;
        private org.securechannel.session.TicketSealer ticketSealer;
        private org.securechannel.session.ClientSessionStore clientSessionStore;
        private ServerTicketPolicy ticketPolicy = ServerTicketPolicy.DEFAULT;
        /** Set by toBuilder: the copy shares the original's default ticket keys. */
        private DefaultTickets defaultTickets;

        private Builder(Role role) {
            this.role = role;
        }

        /** Adds a certificate chain (leaf first) and its key; may be called for several key types. */
        public Builder certificate(List<X509Certificate> chain, PrivateKey key) {
            certificates.add(new CertifiedKey(chain, key));
            return this;
        }

        public Builder keyManager(X509KeyManager km) {
            this.keyManager = km;
            return this;
        }

        public Builder trustManager(X509TrustManager tm) {
            this.trustManager = tm;
            return this;
        }

        /** Trusts exactly these anchors, validated by the JDK's PKIX trust manager (no revocation checks). */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            try {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : anchors) {
                    ks.setCertificateEntry("anchor-" + i++, c);
                }
                this.trustManager = trustManagerOf(ks);
                return this;
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot build a trust manager from the anchors", e);
            }
        }

        public Builder cipherSuites(CipherSuite... suites) {
            this.cipherSuites = nonEmpty(List.of(suites), "cipher suites");
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> suites) {
            this.cipherSuites = nonEmpty(suites, "cipher suites");
            return this;
        }

        public Builder groups(NamedGroup... groups) {
            this.groups = nonEmpty(List.of(groups), "groups");
            return this;
        }

        public Builder groups(List<NamedGroup> groups) {
            this.groups = nonEmpty(groups, "groups");
            return this;
        }

        public Builder signatureSchemes(SignatureScheme... schemes) {
            this.signatureSchemes = nonEmpty(List.of(schemes), "signature schemes");
            return this;
        }

        public Builder signatureSchemes(List<SignatureScheme> schemes) {
            this.signatureSchemes = nonEmpty(schemes, "signature schemes");
            return this;
        }

        /** ALPN protocol names; a client offers them in this order, a server prefers them in this order. */
        public Builder applicationProtocols(String... protocols) {
            return applicationProtocols(List.of(protocols));
        }

        public Builder applicationProtocols(List<String> protocols) {
            for (String p : protocols) {
                int n = p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (n == 0 || n > 255) {
                    throw new IllegalArgumentException("ALPN protocol names are 1 to 255 bytes: '" + p + "'");
                }
            }
            this.applicationProtocols = List.copyOf(protocols);
            return this;
        }

        /**
         * Server: decides ALPN instead of {@link #applicationProtocols}, when the client offers ALPN. Given the
         * client's protocols, it returns one of them, "" to negotiate none, or null to refuse the handshake
         * (no_application_protocol), as javax.net.ssl's handshake application protocol selector does.
         */
        public Builder applicationProtocolSelector(Function<List<String>, String> selector) {
            this.applicationProtocolSelector = selector;
            return this;
        }

        /**
         * Server: which SNI host names this server answers to. A client that names one the predicate refuses
         * gets unrecognized_name before anything else is sent (RFC 6066 §3), as SunJSSE does with SNIMatchers;
         * a client that names none is not judged. Null (the default) accepts every name.
         */
        public Builder serverNameAcceptor(Predicate<String> acceptor) {
            this.serverNameAcceptor = acceptor;
            return this;
        }

        /** Client: complete the handshake without judging the server's chain; the caller validates it. */
        public Builder manualCredentialValidation(boolean manual) {
            this.manualCredentialValidation = manual;
            return this;
        }

        /**
         * Client: whether the server's certificate must name the server name (default true). Turning it off
         * still validates the chain through the trust manager; it is for callers that check the name
         * themselves (a JSSE trust manager doing endpoint identification) or, as JSSE does without an endpoint
         * identification algorithm, not at all.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** Server: whether to request a client certificate, and whether to insist on one. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth);
            return this;
        }

        public Builder crypto(CryptoBackend crypto) {
            this.crypto = Objects.requireNonNull(crypto);
            return this;
        }

        /**
         * Server: maps each validated client chain to a Subject ({@code mappedSubject()}, {@code impersonate}).
         * With {@link ClientAuth#REQUIRED}, a chain that maps to nothing fails the handshake (access_denied).
         */
        public Builder certificateMapper(CertificateMapper mapper) {
            this.certificateMapper = mapper;
            return this;
        }

        /**
         * Abandon a handshake that has not completed this long after it began (slow or stalled peers must not
         * hold a server's threads and buffers); {@link Duration#ZERO} for no limit, the default.
         *
         * @see #handshakeTimeout()
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("negative handshake timeout: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Where this side keeps resumable sessions; {@link org.securechannel.handshake.SessionCache#NONE} for no
         * resumption. By default each Credentials has a {@link org.securechannel.handshake.BoundedSessionCache} of
         * its own ({@link #DEFAULT_SESSION_CACHE_SIZE}, {@link #DEFAULT_SESSION_LIFETIME}).
         */
        public Builder sessionCache(org.securechannel.handshake.SessionCache cache) {
            this.sessions = java.util.Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Shares {@code cache} with every other Credentials built with it. */
        public Builder sessionCache(ResumptionCache cache) {
            return sessionCache(cache.cache());
        }

        /**
         * Logs the secrets of every handshake to {@code keyLog} (e.g. {@link KeyLog#toFile}), so captures can be
         * decrypted: for debugging and tools, never for production traffic. Null turns it off, and then the
         * security property {@code org.securechannel.keyLogFile} still applies.
         */
        public Builder keyLog(KeyLog keyLog) {
            this.keyLog = keyLog;
            return this;
        }

        /**
         * The peer as the caller knows it (the JSSE adapters pass the socket's or engine's peer), for diagnostics
         * only: the JFR events and logs name it. Nothing is connected to or checked against it.
         */
        public Builder peer(String host, int port) {
            this.peerHost = host;
            this.peerPort = port;
            return this;
        }

        /**
         * Server: seals session tickets with {@code sealer}, shared by every context of these credentials (and by
         * every server given a sealer over the same keyset). Build one sealer per server, not per connection.
         */
        public Builder ticketSealer(org.securechannel.session.TicketSealer sealer) {
            this.ticketSealer = Objects.requireNonNull(sealer, "sealer");
            return this;
        }

        /** Server: ticket count, lifetime, psk_ke and 0-RTT (see {@link ServerTicketPolicy}). */
        public Builder ticketPolicy(ServerTicketPolicy policy) {
            this.ticketPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Client: keeps the tickets servers send in {@code store}, and offers them on later connections. */
        public Builder clientSessionStore(org.securechannel.session.ClientSessionStore store) {
            this.clientSessionStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Server: {@code count} TLS 1.3 NewSessionTickets after each handshake, a resumed one too (default 2, as
         * RFC 8446 §C.4 suggests one per connection a client may open in parallel); 0 issues none, and then also
         * accepts none.
         */
        public Builder sessionTickets(int count) {
            if (count < 0 || count > 16) {
                throw new IllegalArgumentException("tickets per handshake: " + count + " not in 0..16");
            }
            this.ticketPolicy = ticketPolicy.withTickets(count);
            return this;
        }

        /** Server: how long each ticket may be used, 1 second to 7 days (RFC 8446 §4.6.1); default 2 hours. */
        public Builder ticketLifetime(Duration lifetime) {
            long seconds = lifetime.getSeconds();
            if (seconds < 1 || seconds > org.securechannel.handshake.TicketResumption.MAX_LIFETIME_SECONDS) {
                throw new IllegalArgumentException("ticket lifetime " + lifetime + " not in 1 s..7 days");
            }
            this.ticketPolicy = ticketPolicy.withLifetime(lifetime);
            return this;
        }

        /**
         * psk_ke, resumption without a fresh (EC)DHE exchange (RFC 8446 §4.2.9): off by default, since it gives up
         * forward secrecy for the resumed connection. A server then resumes with psk_ke whenever the client offers
         * it (the operator chose speed); a client offers psk_ke besides psk_dhe_ke.
         */
        public Builder pskWithoutKeyExchange(boolean allow) {
            this.ticketPolicy = ticketPolicy.withPskOnly(allow);
            return this;
        }

        /**
         * Server: accepts up to {@code maxBytes} of 0-RTT data per connection (RFC 8446 §4.2.10) on tickets it issues
         * from now on, once per ClientHello by an in-process strike register ({@link ServerTicketPolicy#withEarlyData(long)});
         * 0 turns 0-RTT off (the default). A fleet passes a shared guard with {@link #ticketPolicy}.
         */
        public Builder earlyData(long maxBytes) {
            this.ticketPolicy = maxBytes == 0 ? ticketPolicy.withoutEarlyData() : ticketPolicy.withEarlyData(maxBytes);
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        public Credentials build() {
            if (role == Role.SERVER && certificates.isEmpty() && keyManager == null) {
                throw new IllegalStateException("server credentials need a certificate or a key manager");
            }
            if (serverNameAcceptor != null && role != Role.SERVER) {
                throw new IllegalStateException("a server-name acceptor is for server credentials");
            }
            if (ticketSealer != null && role != Role.SERVER) {
                throw new IllegalStateException("a ticket sealer is for server credentials");
            }
            if (clientSessionStore != null && role != Role.CLIENT) {
                throw new IllegalStateException("a client session store is for client credentials");
            }
            if (certificateMapper != null && role != Role.SERVER) {
                throw new IllegalStateException("a certificate mapper is for server credentials");
            }
            if (trustManager == null && (role == Role.CLIENT || clientAuth != ClientAuth.NONE)) {
                trustManager = defaultTrustManager();
            }
            if (random == null) {
                random = crypto.random();
            }
            if (keyLog == null) {
                keyLog = KeyLogSettings.configured();
            } else {
                KeyLogSettings.announce(keyLog);
            }
            return new Credentials(this);
        }

        /**
         * The groups the backend can do, in their order: a hybrid without an ML-KEM implementation is dropped (as
         * SunJSSE drops unavailable groups of jdk.tls.namedGroups); none left is a configuration error.
         */
        private static List<NamedGroup> supportedGroups(List<NamedGroup> groups, CryptoBackend crypto) {
            List<NamedGroup> supported = new ArrayList<>(groups);
            supported.removeIf(g -> !crypto.supports(g));
            if (supported.isEmpty()) {
                throw new IllegalArgumentException("the crypto backend " + crypto.name() + " supports none of the groups "
                        + groups);
            }
            return List.copyOf(supported);
        }

        private static <T> List<T> nonEmpty(List<T> list, String what) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one of the " + what + " must be enabled");
            }
            return List.copyOf(list);
        }

        private static X509TrustManager defaultTrustManager() {
            try {
                return trustManagerOf(null);
            } catch (KeyStoreException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK's default trust store is unavailable", e);
            }
        }

        private static X509TrustManager trustManagerOf(KeyStore ks) throws KeyStoreException, NoSuchAlgorithmException {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return (X509TrustManager) tm;
                }
            }
            throw new IllegalStateException("no X509TrustManager from the PKIX factory");
        }
    }
}
