package org.securechannel.jsse;

import org.securechannel.codec.ProtocolVersion;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * What a second beginHandshake/startHandshake on an established connection does, for the engine and the
 * socket alike. TLS 1.3 has no renegotiation, and SunJSSE sends a KeyUpdate instead; so do we. TLS 1.2
 * renegotiation we refuse (RFC 9325 §3.5 allows it, and it is the source of a whole class of attacks), so there
 * the call does nothing, where SunJSSE would renegotiate.
 */
final class SecondHandshake {
    private SecondHandshake() {
    }

    /** Queues a KeyUpdate on TLS 1.3 and says whether it did. */
    static boolean request(SecurityContext context) throws SecurityContextException {
        if (context.connectionInfo().version() != ProtocolVersion.TLS13) {
            return false;
        }
        context.requestKeyUpdate(false);
        return true;
    }
}
