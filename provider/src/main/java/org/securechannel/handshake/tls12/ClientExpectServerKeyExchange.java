package org.securechannel.handshake.tls12;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ServerKeyExchange;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.record.RawHandshake;

/**
 * Client: the server's ECDHE parameters, signed with its certificate's key over both randoms (RFC 5246
 * §7.4.3, RFC 8422 §5.4). The group must be one we offered for ECDHE and the scheme one we offered that fits
 * the suite and the key (illegal_parameter otherwise); a signature that does not verify is decrypt_error.
 */
final class ClientExpectServerKeyExchange implements State {
    private final Hellos hellos;
    private final List<X509Certificate> chain;

    ClientExpectServerKeyExchange(Hellos hellos, List<X509Certificate> chain) {
        this.hellos = hellos;
        this.chain = chain;
    }

    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_CLIENT_EXPECT_SERVER_KEY_EXCHANGE;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        ServerKeyExchange ske = ServerKeyExchange.parse(message.body());
        NamedGroup group = NamedGroup.of(ske.group());
        if (group == null || !Tls12Groups.ECDHE.contains(group) || !hs.config.groups().contains(group)) {
            throw AlertException.illegalParameter(String.format("ServerKeyExchange uses group 0x%04x, which we did not offer for ECDHE", ske.group()));
        }
        byte[] signed = ServerKeyExchange.signedData(hellos.clientRandom(), hellos.serverRandom(), ske.group(), ske.publicValue());
        SignatureScheme scheme = PeerSignature.verify(hs, ske.signatureScheme(), s -> Tls12Groups.signsFor(hellos.suite(), s),
                chain.get(0).getPublicKey(), signed, ske.signature(), "ServerKeyExchange");
        hs.transcript.add(message.encoded());
        return new ClientExpectServerHelloDone(hellos.withKeyExchange(group, scheme), chain, ske.publicValue(), null);
    }
}
