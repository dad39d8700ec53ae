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
 * @param resumption NONE for one connection; else two, the second resuming the first's session by this mechanism
 */
record Scenario(String version, String suite, NamedGroup group, NamedGroup peerGroup, KeyType serverKey,
        ClientAuth clientAuth, List<String> clientAlpn, List<String> serverAlpn, int bytes, boolean keyUpdate,
        Resumption resumption) {

    enum ClientAuth { NONE, REQUIRED, REQUIRED_BUT_MISSING }

    /**
     * How the second connection resumes the first's session. Each cell leaves the mechanism it tests as the only
     * one that can work at the side that is ours (see OurSide), so "resumed" proves it.
     */
    enum Resumption { NONE, TLS13_TICKET, TLS12_TICKET, TLS12_SESSION_ID }

    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";

    static Scenario tls(String version) {
        return new Scenario(version, null, null, null, KeyType.EC_P256, ClientAuth.NONE, List.of(), List.of(), 4096, false,
                Resumption.NONE);
    }

    Scenario resume(Resumption r) {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate, r);
    }

    /** How many connections the cell makes: two when the second resumes the first. */
    int connections() {
        return resumption == Resumption.NONE ? 1 : 2;
    }

    boolean tls13() {
        return TLS13.equals(version);
    }

    Scenario suite(String s) {
        return new Scenario(version, s, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate, resumption);
    }

    Scenario group(NamedGroup g) {
        return new Scenario(version, suite, g, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate, resumption);
    }

    Scenario peerGroup(NamedGroup g) {
        return new Scenario(version, suite, group, g, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate, resumption);
    }

    Scenario serverKey(KeyType k) {
        return new Scenario(version, suite, group, peerGroup, k, clientAuth, clientAlpn, serverAlpn, bytes, keyUpdate, resumption);
    }

    Scenario clientAuth(ClientAuth c) {
        return new Scenario(version, suite, group, peerGroup, serverKey, c, clientAlpn, serverAlpn, bytes, keyUpdate, resumption);
    }

    Scenario alpn(List<String> client, List<String> server) {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, client, server, bytes, keyUpdate, resumption);
    }

    Scenario bytes(int n) {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, n, keyUpdate, resumption);
    }

    Scenario withKeyUpdate() {
        return new Scenario(version, suite, group, peerGroup, serverKey, clientAuth, clientAlpn, serverAlpn, bytes, true, resumption);
    }
}
