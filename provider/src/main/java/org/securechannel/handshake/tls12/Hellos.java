package org.securechannel.handshake.tls12;

import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/**
 * What a client knows once the ServerHello is read: the suite, both randoms, the SNI name it sent and the ALPN
 * protocol the server chose. The ServerKeyExchange adds the group and the scheme ({@link #withKeyExchange}).
 */
record Hellos(CipherSuite suite, byte[] clientRandom, byte[] serverRandom, String serverName, String applicationProtocol,
        byte[] sessionId, boolean ticket) {
    Hellos {
        clientRandom = clientRandom.clone();
        serverRandom = serverRandom.clone();
        sessionId = sessionId.clone();
    }

    Negotiated withKeyExchange(NamedGroup group, SignatureScheme serverScheme) {
        return new Negotiated(suite, group, clientRandom, serverRandom, serverScheme, serverName, applicationProtocol, sessionId, false, ticket);
    }
}
