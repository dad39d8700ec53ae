package org.securechannel.handshake.tls12;

import org.securechannel.codec.AlertException;
import org.securechannel.record.RawHandshake;

/**
 * Either role: the peer's change_cipher_spec, after which it writes under the new keys (RFC 5246 §7.1). No
 * handshake message may come first: a Finished before it would be read in the clear.
 */
final class ExpectChangeCipherSpec implements State {
    private final Finishing f;

    ExpectChangeCipherSpec(Finishing f) {
        this.f = f;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return true;
    }

    @Override
    public State changeCipherSpec(Tls12Handshake hs) throws AlertException {
        hs.records.setReadProtection(f.keys().readProtection(f.client()));
        return new ExpectFinished(f);
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
        f.keys().destroy();
    }
}
