package org.securechannel.interop.matrix;

import java.util.List;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.TestPki.KeyType;

/**
 * What one matrix cell asks of a connection. Our side applies all of it through the JSSE API; a peer applies
 * what it must ({@link #version}, {@link #peerGroup}, ALPN, client certificates) and says which it cannot.
 *
 * @param version    "TLSv1.3" or "TLSv1.2", enabled alone on both sides
 * @param suite      the one suite our side enables, or null
 * @param group      the one group our side allows, or null
 * @param peerGroup  the one group the peer allows (to force a HelloRetryRequest at our client), or null
 * @param serverKey  the server certificate's key
 * @param clientAuth what the server demands and whether the client has a certificate
 * @param clientAlpn protocols the client offers (empty: no ALPN)
 * @param serverAlpn protocols the server accepts (empty: no ALPN)
 * @param bytes      how many bytes the client sends and gets echoed back
 * @param keyUpdate  whether our side sends a KeyUpdate halfway through
 */
record Scenario(String version, String suite, NamedGroup group, NamedGroup peerGroup, KeyType serverKey,
        ClientAuth clientAuth, List<String> clientAlpn, List<String> serverAlpn, int bytes, boolean keyUpdate) {

    enum ClientAuth { NONE, REQUIRED, REQUIRED_BUT_MISSING }

    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";

    static Scenario tls(String version) {
        return new Scenario(version, null, null, null, KeyType.EC_P256, ClientAuth.NONE, List.of(), List.of(), 4096, false);
    }

    boolean tls13() {
        return TLS13.equals(version);
    }

    Scenario suite(String s) {
        return new Scenario(version, s, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate);
    }

    Scenario group(NamedGroup g) {
        return new Scenario(version, suite, g, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate);
    }

    Scenario peerGroup(NamedGroup g) {
        return new Scenario(version, suite, group, g, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate);
    }

    Scenario serverKey(KeyType k) {
        return new Scenario(version, suite, group, peerGroup, k, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate);
    }

    Scenario clientAuth(ClientAuth c) {
        return new Scenario(version, suite, group, peerGroup, serverKey, c, clientAlpn, serverAlpn, bytes, keyUpdate);
    }

    Scenario alpn(List<String> client, List<String> server) {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, client, server, bytes, keyUpdate);
    }

    Scenario bytes(int n) {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, n, keyUpdate);
    }

    Scenario withKeyUpdate() {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, true);
    }
}
