package org.securechannel.handshake.tls13;

import org.securechannel.codec.AlertException;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.MessageOrder;
import org.securechannel.record.RawHandshake;

/**
 * Client: the server asked for a certificate our credentials cannot provide. Nothing may arrive until the
 * caller resumes, with a certificate or without one.
 */
final class ClientAwaitCredentials implements State {
    private final ClientFinishing finishing;
    private final ClientCertificateRequest request;

    ClientAwaitCredentials(ClientFinishing finishing, ClientCertificateRequest request) {
        this.finishing = finishing;
        this.request = request;
    }

    @Override
    public MessageOrder order(boolean client) {
        return MessageOrder.TLS13_CLIENT_AWAIT_CREDENTIALS;
    }

    @Override
    public State receive(Tls13Handshake hs, RawHandshake message) throws AlertException {
        throw State.unexpected(message, "nothing until our own Finished is sent");
    }

    State resume(Tls13Handshake hs, CertificateSelector selector) throws AlertException {
        return ClientExpectFinished.resume(hs, finishing, request, selector);
    }

    @Override
    public void destroy() {
        finishing.destroy();
    }
}
