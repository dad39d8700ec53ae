package org.securechannel.handshake.tls12;

import org.securechannel.codec.AlertException;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.record.RawHandshake;

/**
 * Client: the server asked for a certificate our credentials cannot provide. Nothing may arrive until the
 * caller resumes, with a certificate or without one (then the Certificate is empty).
 */
final class ClientAwaitCredentials implements State {
    private final ClientFlight flight;

    ClientAwaitCredentials(ClientFlight flight) {
        this.flight = flight;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_CLIENT_AWAIT_CREDENTIALS;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        throw State.unexpected(message, "nothing until our own Finished is sent");
    }

    State resume(Tls12Handshake hs, CertificateSelector selector) throws AlertException {
        return flight.send(hs, Tls12SigningScheme.select(selector, flight.request().schemes(), flight.request().issuers(), null, null));
    }
}
