package org.securechannel.handshake;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * What both sides remember of a completed full handshake so that a later one can be abbreviated: for TLS 1.2
 * session-ID resumption (RFC 5246 §7.3) the master secret (extended, RFC 7627), the suite and what was
 * authenticated. Session tickets (RFC 5077, RFC 8446 §4.6.1) will carry the same value sealed.
 *
 * @param id           the session ID the server chose
 * @param group        the group of the full handshake, reported again when resumed
 * @param serverName   the SNI name of the full handshake: a resumption must ask for the same (RFC 6066 §3)
 * @param createdMillis when the full handshake completed (wall clock)
 */
public record ResumableSession(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme serverScheme,
        SignatureScheme clientScheme, byte[] id, byte[] masterSecret, List<X509Certificate> peerChain, String serverName,
        long createdMillis) {
    public ResumableSession {
        id = id.clone();
        masterSecret = masterSecret.clone();
        peerChain = List.copyOf(peerChain);
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** A copy with its own master secret, for one handshake to use and destroy. */
    public ResumableSession copy() {
        return new ResumableSession(version, suite, group, serverScheme, clientScheme, id, masterSecret, peerChain, serverName,
                createdMillis);
    }

    /** Wipes the master secret: the session can no longer be resumed. */
    public void destroy() {
        Arrays.fill(masterSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "ResumableSession[" + version + ", " + suite + ", " + id.length + "-byte id, " + serverName + "]";
    }
}
