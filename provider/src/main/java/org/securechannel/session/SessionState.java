package org.securechannel.session;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.TlsReader;
import org.securechannel.codec.TlsWriter;

/**
 * What a resumable session is, as both sides keep it: the plaintext a server seals into a ticket, and the half of
 * a client's saved session that is not the ticket. Immutable except for {@link #destroy()}, which wipes the secret.
 *
 * <p>The secret is the per-ticket PSK for TLS 1.3 (HKDF-Expand-Label(resumption_master_secret, "resumption",
 * ticket_nonce, Hash.length), RFC 8446 §4.6.1: the ticket carries the PSK itself, so the server needs neither the
 * nonce nor the resumption master secret again), and the master secret for TLS 1.2 (always an extended one, RFC
 * 7627: we never resume a session without it, so the encoding has no flag for it).
 *
 * <p>The peer's certificate chain is kept whole (DER), not as a hash: a resumed session must report the same peer
 * (JSSE's getPeerCertificates, the certificate mapper's Subject for impersonation) and a hash cannot give the chain
 * back. It is bounded by the ticket: a state whose encoding does not fit {@link TicketSealer#maxPlaintextLength()}
 * gets no ticket ({@link SessionTickets#issue}).
 *
 * <p>Encoding (format 1), TLS presentation language:
 * <pre>
 * uint8  format = 1;  uint16 version;  uint16 cipher_suite;
 * uint16 group, server_scheme, client_scheme;      // 0 when none
 * uint64 created_millis;  uint32 lifetime_seconds;  uint32 ticket_age_add;  uint32 max_early_data_size;
 * opaque secret&lt;32..48&gt;;  opaque server_name&lt;0..255&gt;;  opaque alpn&lt;0..255&gt;;
 * opaque peer_chain&lt;0..2^24-1&gt;  (each: opaque cert_der&lt;1..2^16-1&gt;)
 * </pre>
 * Decoding is strict (every length checked before use, every code known, the suite's version and hash agreeing
 * with the version and the secret's length, no trailing bytes), although only we can seal a ticket.
 *
 * @param createdMillis   server: when the ticket was issued; client: when it was received (wall clock)
 * @param lifetimeSeconds the ticket lifetime, 0..604800
 * @param ageAdd          ticket_age_add, an unsigned 32-bit value (0 for TLS 1.2)
 * @param maxEarlyDataSize how much 0-RTT data the ticket allows; 0 for none
 * @param serverName      the SNI host name of the full handshake, or null when none was sent
 * @param alpn            the application protocol negotiated, or null when none
 * @param peerChain       the peer's certificates (DER, leaf first); empty when the peer sent none
 */
public record SessionState(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme serverScheme,
        SignatureScheme clientScheme, long createdMillis, long lifetimeSeconds, long ageAdd, long maxEarlyDataSize,
        byte[] secret, String serverName, String alpn, List<byte[]> peerChain) {
    /** The format byte this version of the code writes and the only one it reads. */
    public static final int FORMAT = 1;
    private static final int TLS12_MASTER_SECRET_LENGTH = 48;

    public SessionState {
        if (version != ProtocolVersion.TLS13 && version != ProtocolVersion.TLS12) {
            throw new IllegalArgumentException("only TLS 1.3 and 1.2 sessions resume: " + version);
        }
        if (suite.version() != version) {
            throw new IllegalArgumentException(suite + " is not a " + version + " suite");
        }
        int secretLength = version == ProtocolVersion.TLS13 ? suite.hash().length() : TLS12_MASTER_SECRET_LENGTH;
        if (secret.length != secretLength) {
            throw new IllegalArgumentException("a " + version + " " + suite + " session needs a " + secretLength
                    + "-byte secret, not " + secret.length);
        }
        if (lifetimeSeconds < 0 || lifetimeSeconds > NewSessionTicket.MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime " + lifetimeSeconds + "s out of 0.." + NewSessionTicket.MAX_LIFETIME_SECONDS);
        }
        requireU32(ageAdd, "ticket_age_add");
        requireU32(maxEarlyDataSize, "max_early_data_size");
        requireShortString(serverName, "server name");
        requireShortString(alpn, "ALPN protocol");
        secret = secret.clone();
        List<byte[]> copies = new ArrayList<>(peerChain.size());
        long chainBytes = 0;
        for (byte[] der : peerChain) {
            if (der.length == 0 || der.length > 0xFFFF) {
                throw new IllegalArgumentException("a certificate of " + der.length + " bytes does not fit a session");
            }
            chainBytes += 2 + der.length;
            copies.add(der.clone());
        }
        if (chainBytes > 0xFFFFFF) {
            throw new IllegalArgumentException("a peer chain of " + chainBytes + " bytes does not fit a session");
        }
        peerChain = Collections.unmodifiableList(copies);
    }

    /** The secret, a copy the caller wipes. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** The peer's chain as DER copies. */
    @Override
    public List<byte[]> peerChain() {
        List<byte[]> out = new ArrayList<>(peerChain.size());
        peerChain.forEach(c -> out.add(c.clone()));
        return out;
    }

    /** The peer's chain parsed by the JDK's X.509 factory. */
    public List<X509Certificate> peerCertificates() throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>(peerChain.size());
        for (byte[] der : peerChain) {
            out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        return List.copyOf(out);
    }

    /** The DER encodings of {@code chain}, for building a state from a verified peer. */
    public static List<byte[]> derOf(List<X509Certificate> chain) {
        List<byte[]> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(c.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("a peer certificate that will not encode", e);
            }
        }
        return out;
    }

    /** Whether the ticket's lifetime has run out at {@code nowMillis} (RFC 8446 §4.6.1: never used after that). */
    public boolean expiredAt(long nowMillis) {
        return nowMillis - createdMillis >= lifetimeSeconds * 1000L;
    }

    /** Milliseconds since {@link #createdMillis()}, as a client reports it in obfuscated_ticket_age. */
    public long ageMillis(long nowMillis) {
        return Math.max(0, nowMillis - createdMillis);
    }

    /** A copy with a secret of its own, for a caller that destroys its copy while another is kept. */
    public SessionState copy() {
        return new SessionState(version, suite, group, serverScheme, clientScheme, createdMillis, lifetimeSeconds, ageAdd,
                maxEarlyDataSize, secret, serverName, alpn, peerChain);
    }

    /** Wipes the secret: this state can no longer resume anything. */
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
    }

    public byte[] encode() {
        TlsWriter w = new TlsWriter(64 + secret.length);
        w.u8(FORMAT).u16(version.code()).u16(suite.code());
        w.u16(group == null ? 0 : group.code()).u16(code(serverScheme)).u16(code(clientScheme));
        w.u32(createdMillis >>> 32).u32(createdMillis & 0xFFFFFFFFL);
        w.u32(lifetimeSeconds).u32(ageAdd).u32(maxEarlyDataSize);
        w.vector8(secret);
        w.vector8(utf8(serverName)).vector8(utf8(alpn));
        w.vector24(c -> peerChain.forEach(c::vector16));
        return w.toByteArray();
    }

    public static SessionState decode(byte[] encoded) throws InvalidSessionException {
        try {
            TlsReader r = new TlsReader(encoded, "session state");
            int format = r.u8();
            if (format != FORMAT) {
                throw new InvalidSessionException("session state format " + format + ", this code reads " + FORMAT);
            }
            ProtocolVersion version = known(ProtocolVersion.of(r.u16()), "protocol version");
            CipherSuite suite = known(CipherSuite.of(r.u16()), "cipher suite");
            NamedGroup group = optional(r.u16(), NamedGroup::of, "group");
            SignatureScheme serverScheme = optional(r.u16(), SignatureScheme::of, "server signature scheme");
            SignatureScheme clientScheme = optional(r.u16(), SignatureScheme::of, "client signature scheme");
            long created = r.u32() << 32 | r.u32();
            long lifetime = r.u32();
            long ageAdd = r.u32();
            long maxEarlyData = r.u32();
            byte[] secret = r.vector8();
            String serverName = string(r.vector8());
            String alpn = string(r.vector8());
            TlsReader chain = r.sub24("session peer chain");
            r.expectEnd();
            List<byte[]> peerChain = new ArrayList<>();
            while (chain.hasRemaining()) {
                peerChain.add(chain.vector16());
            }
            try {
                return new SessionState(version, suite, group, serverScheme, clientScheme, created, lifetime, ageAdd,
                        maxEarlyData, secret, serverName, alpn, peerChain);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (AlertException e) {
            throw new InvalidSessionException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidSessionException("session state: " + e.getMessage(), e);
        }
    }

    private interface Lookup<T> {
        T of(int code);
    }

    private static <T> T optional(int code, Lookup<T> lookup, String what) throws InvalidSessionException {
        return code == 0 ? null : known(lookup.of(code), what);
    }

    private static <T> T known(T value, String what) throws InvalidSessionException {
        if (value == null) {
            throw new InvalidSessionException("session state: unknown " + what);
        }
        return value;
    }

    private static int code(SignatureScheme s) {
        return s == null ? 0 : s.code();
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static void requireU32(long v, String what) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " " + v + " is not a uint32");
        }
    }

    private static void requireShortString(String s, String what) {
        if (s != null && (s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > 255)) {
            throw new IllegalArgumentException(what + " must be 1 to 255 bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionState s && s.version == version && s.suite == suite && s.group == group
                && s.serverScheme == serverScheme && s.clientScheme == clientScheme && s.createdMillis == createdMillis
                && s.lifetimeSeconds == lifetimeSeconds && s.ageAdd == ageAdd && s.maxEarlyDataSize == maxEarlyDataSize
                && java.security.MessageDigest.isEqual(s.secret, secret) && java.util.Objects.equals(s.serverName, serverName)
                && java.util.Objects.equals(s.alpn, alpn) && sameChain(s.peerChain, peerChain);
    }

    private static boolean sameChain(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, suite, createdMillis, serverName, alpn);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "SessionState[" + version.jsseName() + ", " + suite + ", created " + createdMillis + ", lifetime "
                + lifetimeSeconds + "s, early data " + maxEarlyDataSize + ", SNI " + serverName + ", ALPN " + alpn + ", "
                + peerChain.size() + " peer certificates]";
    }
}
