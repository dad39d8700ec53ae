package org.securechannel.context;

import java.nio.ByteBuffer;
import java.security.PrivilegedExceptionAction;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;

/**
 * A security context: Schannel's CtxtHandle. A client or server context is built by calling
 * {@link #step} with the peer's tokens until it returns {@link Status#OK}; then {@link #encrypt} and
 * {@link #decrypt} protect messages. Buffer positions say what was consumed and produced.
 *
 * <p>Threads: one thread may encrypt while another decrypts; {@code step} excludes both.
 */
public abstract class SecurityContext implements AutoCloseable {

    /** For the engine and for test doubles of applications; contexts come from {@link #client} and {@link #server}. */
    protected SecurityContext() {
    }

    /** A client context that will authenticate {@code serverName} (also sent as SNI; may be null). */
    public static SecurityContext client(Credentials credentials, String serverName) {
        if (credentials.role() != Credentials.Role.CLIENT) {
            throw new IllegalArgumentException("client contexts need client credentials");
        }
        return new TlsSecurityContext(credentials, serverName);
    }

    /**
     * A client context for {@code serverName} at {@code port}: with a {@link Credentials.Builder#clientSessionStore
     * session store}, it offers the newest ticket the store holds for that host, port and name, and keeps the
     * tickets the server sends there. {@code saved} (may be null), a session the caller kept itself (see
     * {@link org.securechannel.session.ClientSession#export()}), is offered instead.
     */
    public static SecurityContext client(Credentials credentials, String serverName, int port,
            org.securechannel.session.ClientSession saved) {
        if (credentials.role() != Credentials.Role.CLIENT) {
            throw new IllegalArgumentException("client contexts need client credentials");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port);
        }
        return new TlsSecurityContext(credentials, serverName, port, saved);
    }

    /** A server context. */
    public static SecurityContext server(Credentials credentials) {
        if (credentials.role() != Credentials.Role.SERVER) {
            throw new IllegalArgumentException("server contexts need server credentials");
        }
        return new TlsSecurityContext(credentials, null);
    }

    /** InitializeSecurityContext / AcceptSecurityContext: process {@code in}, write the reply to {@code out}. */
    public abstract Result step(ByteBuffer in, ByteBuffer out) throws SecurityContextException;

    /** EncryptMessage: protects all of {@code plain} that fits in {@code out}, as whole records. */
    public abstract Result encrypt(ByteBuffer plain, ByteBuffer out) throws SecurityContextException;

    /**
     * DecryptMessage: opens the records at the front of {@code in} into {@code plainOut}, as many as fit.
     * Application data that preceded a close_notify or a post-handshake message in the same call is
     * delivered with the CONTEXT_EXPIRED or RENEGOTIATE status: always read {@code bytesProduced()} first.
     */
    public abstract Result decrypt(ByteBuffer in, ByteBuffer plainOut) throws SecurityContextException;

    /**
     * After {@link #decrypt} returned RENEGOTIATE on an established context: takes the post-handshake messages
     * received (NewSessionTicket, KeyUpdate) like {@code step} does, but writes nothing. A KeyUpdate reply they
     * call for stays queued in the context and leaves ahead of the records of the next {@code encrypt} (all
     * RFC 8446 §4.6.3 asks) or with the next {@code step}, whoever calls it. For callers that share the
     * outbound direction with another writer and could not hand the reply over, such as the JCA Cipher next to
     * an SSLEngine of the same connection. INVALID_STATE before the handshake completed.
     */
    public void processPostHandshake() throws SecurityContextException {
        throw notSupported("processPostHandshake");
    }

    /** ApplyControlToken(SCHANNEL_SHUTDOWN): the next {@code step} writes close_notify. */
    public abstract void shutdown();

    /** Sends a KeyUpdate with the next {@code step} or {@code encrypt}; optionally asks the peer to update too. */
    public abstract void requestKeyUpdate(boolean askPeerToUpdate) throws SecurityContextException;

    /**
     * After INCOMPLETE_CREDENTIALS: use these client credentials (or the same ones, or null: go on without a
     * certificate).
     */
    public abstract void supplyCredentials(Credentials credentials) throws SecurityContextException;

    /** After INCOMPLETE_CREDENTIALS: the certificate authorities the server named (may be empty). */
    public abstract List<X500Principal> acceptableIssuers();

    public abstract boolean isClient();

    /** Whether the handshake completed. */
    public abstract boolean isEstablished();

    public abstract StreamSizes streamSizes();

    /** What was negotiated; INVALID_STATE before the handshake completed. */
    public abstract ConnectionInfo connectionInfo() throws SecurityContextException;

    /** The peer's certificate chain, leaf first; empty when the peer sent none. */
    public abstract List<X509Certificate> peerCertificates();

    /** The ALPN protocol agreed, if any. */
    public abstract Optional<String> applicationProtocol();

    /**
     * The ALPN decision while the handshake is still running, for callers that must know it before the end
     * (JSSE's {@code getHandshakeApplicationProtocol}): empty while undecided, "" when decided to be none, else
     * the protocol. A server decides when it builds its flight (inside the {@code step} that reads the
     * ClientHello, after any application protocol selector ran); a client once it has read EncryptedExtensions.
     */
    public Optional<String> handshakeApplicationProtocol() {
        return isEstablished() ? Optional.of(applicationProtocol().orElse("")) : Optional.empty();
    }

    /**
     * The cipher suite chosen so far, before the handshake completes: a server's once it has read the
     * ClientHello, a client's once it has read the ServerHello. Callbacks that run inside {@code step}
     * (application protocol selectors, key managers) may ask.
     */
    public Optional<org.securechannel.codec.CipherSuite> handshakeCipherSuite() {
        try {
            return isEstablished() ? Optional.of(connectionInfo().cipherSuite()) : Optional.empty();
        } catch (SecurityContextException e) {
            return Optional.empty();
        }
    }

    /** RFC 8446 §7.5 exporter; INVALID_STATE before the handshake completed. */
    public abstract byte[] exportKeyingMaterial(String label, byte[] context, int length) throws SecurityContextException;

    // ---- 0-RTT (RFC 8446 §2.3): engine API only; JSSE has none

    /**
     * Client, before the first {@link #step}: application data to send with the ClientHello as 0-RTT data, if the
     * ticket offered allows that much (see {@link Credentials.Builder#clientSessionStore} and {@link #client(Credentials,
     * String, int, org.securechannel.session.ClientSession)}). 0-RTT data can be replayed by an attacker: send only
     * what is safe to receive twice (RFC 8446 §8, Appendix E.5). {@link #earlyDataStatus()} then says whether it went
     * and whether the server accepted it; nothing is resent on its own.
     */
    public void offerEarlyData(byte[] data) throws SecurityContextException {
        throw SecurityContextException.invalidState("this context sends no early data");
    }

    /** What became of 0-RTT data on this connection (either side). */
    public org.securechannel.session.EarlyDataStatus earlyDataStatus() {
        return org.securechannel.session.EarlyDataStatus.NOT_REQUESTED;
    }

    /**
     * Server: the 0-RTT data accepted since the last call (empty when none), available from the {@code step} that
     * read it, before the handshake completes. Servers enable 0-RTT with {@link Credentials.Builder#earlyData}.
     */
    public byte[] takeEarlyData() throws SecurityContextException {
        return new byte[0];
    }

    /** RFC 8446 §7.5's early exporter (from early_exporter_master_secret), when 0-RTT was accepted. */
    public byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) throws SecurityContextException {
        throw SecurityContextException.invalidState("no early exporter: 0-RTT was not accepted");
    }

    /**
     * MakeSignature: an integrity token for {@code message} (format in {@code SignatureToken}: version,
     * sequence number, HMAC-SHA256 keyed from the exporter with our direction's label). The peer checks it with
     * {@link #verifySignature}. Independent of encrypt/decrypt; one thread may sign while another verifies.
     */
    public byte[] makeSignature(byte[] message) throws SecurityContextException {
        throw notSupported("makeSignature");
    }

    /**
     * VerifySignature: returns normally when {@code token} is the peer's next token for {@code message}.
     * Throws MESSAGE_ALTERED for a changed message or token (or one made by another context, or by us), and
     * OUT_OF_SEQUENCE for an authentic token that is replayed, reordered or skipped ahead. A failure changes
     * no state.
     */
    public void verifySignature(byte[] message, byte[] token) throws SecurityContextException {
        throw notSupported("verifySignature");
    }

    /**
     * How far out of order {@link #verifySignature} accepts tokens: 0 (the default) means strictly in order;
     * 1 to 64 accepts any token not seen before that is newer than the highest seen minus the size, for
     * datagram-style delivery (loss and reordering, never replay).
     */
    public void verifyWindow(int size) throws SecurityContextException {
        throw notSupported("verifyWindow");
    }

    /**
     * Server: the identity the credentials' {@link CertificateMapper} found for the client's validated chain,
     * once the handshake completed; empty for clients, without a mapper, without a client certificate, or
     * when the chain mapped to nothing (possible only with optional client authentication).
     */
    public Optional<Subject> mappedSubject() {
        return Optional.empty();
    }

    /**
     * ImpersonateSecurityContext/RevertSecurityContext: runs {@code action} as the {@link #mappedSubject()},
     * so code it calls finds that Subject as the current one ({@code Subject.current()} on JDK 18+,
     * {@code Subject.getSubject(AccessController.getContext())} on 17). The caller's identity returns when the
     * action ends, also when it throws; nested calls work; other threads are never affected. Throws
     * NO_IMPERSONATION, saying why, when there is no mapped client; otherwise whatever the action throws.
     */
    public <T> T impersonate(PrivilegedExceptionAction<T> action) throws Exception {
        throw new SecurityContextException(Reason.NO_IMPERSONATION,
                "cannot impersonate: " + getClass().getSimpleName() + " maps no client identity", null, null);
    }

    /**
     * Server: the identity {@code mapper} finds for the client's chain, mapped now rather than during the
     * handshake. For contexts whose credentials could not carry a mapper, such as those behind the
     * SecureChannel provider's SSLEngine and SSLSocket (standard JSSE has no place for one): the chain is the
     * one the handshake's trust manager accepted and the client proved with CertificateVerify and Finished, so
     * mapping it afterwards is as sound as mapping it during the handshake. The mapper is asked on every call.
     * Empty for clients, before the handshake completed or after close, without a client certificate, or when
     * the chain maps to nothing; what the mapper throws comes back unchanged.
     */
    public Optional<Subject> mappedSubject(CertificateMapper mapper) {
        java.util.Objects.requireNonNull(mapper, "mapper");
        if (isClient() || !isEstablished()) {
            return Optional.empty();
        }
        List<X509Certificate> chain = peerCertificates();
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<Subject> subject = mapper.map(List.copyOf(chain));
        return subject == null ? Optional.empty() : subject;
    }

    /**
     * {@link #impersonate(PrivilegedExceptionAction)} as the Subject {@code mapper} finds for the client's
     * validated chain ({@link #mappedSubject(CertificateMapper)}), for contexts whose credentials carry no
     * mapper (SSLEngine and SSLSocket sessions). Same scoping: the caller's identity returns when the action
     * ends, also when it throws. NO_IMPERSONATION, saying why, when there is no client identity to map.
     */
    public <T> T impersonate(CertificateMapper mapper, PrivilegedExceptionAction<T> action) throws Exception {
        java.util.Objects.requireNonNull(mapper, "mapper");
        java.util.Objects.requireNonNull(action, "action");
        Optional<Subject> subject = mappedSubject(mapper);
        if (subject.isEmpty()) {
            throw new SecurityContextException(Reason.NO_IMPERSONATION, "cannot impersonate: " + whyNoClient(), null, null);
        }
        return Impersonation.run(subject.get(), action);
    }

    /** Why {@link #mappedSubject(CertificateMapper)} found nobody. */
    private String whyNoClient() {
        if (isClient()) {
            return "a client context has no client to impersonate";
        }
        if (!isEstablished()) {
            try {
                connectionInfo();
                return "the security context is not established";
            } catch (SecurityContextException e) {
                return e.getMessage(); // "the handshake has not completed" or "the security context is closed"
            }
        }
        List<X509Certificate> chain = peerCertificates();
        return chain.isEmpty() ? "the client sent no certificate"
                : "the client certificate " + chain.get(0).getSubjectX500Principal() + " maps to no account";
    }

    /** Channel binding data ({@code tls-exporter} or {@code tls-server-end-point}); INVALID_STATE before the handshake completed. */
    public byte[] channelBinding(ChannelBinding.Type type) throws SecurityContextException {
        return ChannelBinding.of(this, java.util.Objects.requireNonNull(type, "type"));
    }

    /** The certificate chain this side presented, leaf first; empty when it presented none (or not yet). */
    public List<X509Certificate> localCertificates() {
        return List.of();
    }

    /** For methods a subclass (e.g. a test double) does not implement. */
    protected final SecurityContextException notSupported(String what) {
        return SecurityContextException.invalidState(what + " is not supported by " + getClass().getSimpleName());
    }

    /** DeleteSecurityContext: idempotent; wipes key material. */
    @Override
    public abstract void close();
}
