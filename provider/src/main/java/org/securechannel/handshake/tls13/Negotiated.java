package org.securechannel.handshake.tls13;

import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;

/**
 * What the hellos settled, immutable from the ServerHello on: every later state reads it, none changes it. The
 * one thing a client learns later, the ALPN outcome in EncryptedExtensions, makes a new value
 * ({@link #withApplicationProtocol}); the server decides it before its ServerHello.
 *
 * @param serverName the SNI host name the client sent (client: the one it was configured with), or null
 * @param applicationProtocol the ALPN protocol, or null for none (or not yet known)
 * @param applicationProtocolDecided whether {@code applicationProtocol} is final
 * @param resumed whether a ticket's PSK was accepted (no certificates in this handshake)
 */
record Negotiated(CipherSuite suite, NamedGroup group, boolean helloRetryRequest, String serverName,
        String applicationProtocol, boolean applicationProtocolDecided, boolean resumed) {

    /**
     * Server, once the suite is chosen, before the group and ALPN (the ALPN selector and key manager may ask
     * for the suite).
     */
    static Negotiated suiteChosen(CipherSuite suite, boolean helloRetryRequest, String serverName) {
        return new Negotiated(suite, null, helloRetryRequest, serverName, null, false, false);
    }

    /** Client, at the ServerHello: the ALPN outcome comes with EncryptedExtensions. */
    static Negotiated atServerHello(CipherSuite suite, NamedGroup group, boolean helloRetryRequest, String serverName,
            boolean resumed) {
        return new Negotiated(suite, group, helloRetryRequest, serverName, null, false, resumed);
    }

    Negotiated withApplicationProtocol(String protocol) {
        return new Negotiated(suite, group, helloRetryRequest, serverName, protocol, true, resumed);
    }
}
