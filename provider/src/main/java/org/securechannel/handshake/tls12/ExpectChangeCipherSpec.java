package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.record.RawHandshake;

/**
 * Either role: the peer's change_cipher_spec, after which it writes under the new keys (RFC 5246 §7.1). No
 * handshake message may come first: a Finished before it would be read in the clear.
 */
final class ExpectChangeCipherSpec implements State {
    private final boolean client;
    private final Negotiated negotiated;
    private final PendingKeys keys;
    private final List<X509Certificate> peerChain;
    private final SignatureScheme clientScheme;
    /** Whether our change_cipher_spec and Finished follow the peer's (a full handshake's server, a resumption's client). */
    private final boolean answer;

    ExpectChangeCipherSpec(boolean client, Negotiated negotiated, PendingKeys keys, List<X509Certificate> peerChain,
            SignatureScheme clientScheme) {
        this(client, negotiated, keys, peerChain, clientScheme, !client);
    }

    ExpectChangeCipherSpec(boolean client, Negotiated negotiated, PendingKeys keys, List<X509Certificate> peerChain,
            SignatureScheme clientScheme, boolean answer) {
        this.client = client;
        this.negotiated = negotiated;
        this.keys = keys;
        this.peerChain = peerChain;
        this.clientScheme = clientScheme;
        this.answer = answer;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return true;
    }

    @Override
    public State changeCipherSpec(Tls12Handshake hs) throws AlertException {
        hs.records.setReadProtection(keys.readProtection(client));
        return new ExpectFinished(client, negotiated, keys, peerChain, clientScheme, answer);
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_EXPECT_CHANGE_CIPHER_SPEC;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        throw State.unexpected(message, "change_cipher_spec");
    }

    @Override
    public void destroy() {
        keys.destroy();
    }
}
