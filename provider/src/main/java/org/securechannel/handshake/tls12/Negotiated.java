package org.securechannel.handshake.tls12;

import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/**
 * What the hellos settled, immutable from the ServerHello on: every later state reads it, none changes it.
 *
 * @param serverScheme the scheme of the ServerKeyExchange signature
 * @param serverName   the SNI host name the client sent, or null
 * @param applicationProtocol the ALPN protocol, or null
 * @param sessionId    the session ID of the ServerHello (empty: the server will not resume this session)
 * @param resumed      whether this is an abbreviated handshake; group and serverScheme are then the session's
 * @param ticket       whether the ServerHello promised a NewSessionTicket (an empty session_ticket, RFC 5077 §3.2): it
 *                     then comes just before the server's change_cipher_spec
 */
record Negotiated(CipherSuite suite, NamedGroup group, byte[] clientRandom, byte[] serverRandom, SignatureScheme serverScheme,
        String serverName, String applicationProtocol, byte[] sessionId, boolean resumed, boolean ticket) {
    Negotiated {
        clientRandom = clientRandom.clone();
        serverRandom = serverRandom.clone();
        sessionId = sessionId.clone();
    }
}
