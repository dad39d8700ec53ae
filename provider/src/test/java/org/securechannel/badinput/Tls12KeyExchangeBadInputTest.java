package org.securechannel.badinput;

import static org.securechannel.badinput.Fixtures.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.crypto.KeyExchangeResponse;
import org.securechannel.crypto.KeyShare;
import org.securechannel.testing.DelegatingBackend;

/**
 * TLS 1.2 ECDHE public values that are not points of the group: one in a correctly signed ServerKeyExchange
 * (the signature cannot save it) and one in a ClientKeyExchange. Both are illegal_parameter (RFC 8422 §5.11
 * has the receiver validate the point; RFC 8446 §4.2.8.2's rule for the same values), with an alert.
 */
class Tls12KeyExchangeBadInputTest {
    /** x25519: the all-zero value (low order: an all-zero secret); the curves: a point off the curve. */
    private static byte[] notAPoint(NamedGroup group) {
        byte[] v = new byte[group.keyShareLength()];
        if (group != NamedGroup.X25519) {
            v[0] = 4;
            v[v.length - 1] = 1;
        }
        return v;
    }

    /** A backend whose ECDHE offers (ServerKeyExchange) and answers (ClientKeyExchange) carry a bad value. */
    private static final class BadPoints extends DelegatingBackend {
        @Override
        public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
            KeyShare real = d.generateKeyShare(group);
            return new KeyShare() {
                @Override
                public NamedGroup group() {
                    return group;
                }

                @Override
                public byte[] publicValue() {
                    return notAPoint(group);
                }

                @Override
                public byte[] sharedSecret(byte[] peer) throws AlertException {
                    return real.sharedSecret(peer);
                }

                @Override
                public void destroy() {
                    real.destroy();
                }
            };
        }

        @Override
        public KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare) throws AlertException {
            KeyExchangeResponse real = d.respond(group, initiatorShare);
            return new KeyExchangeResponse(notAPoint(group), real.secret());
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1"})
    void serverKeyExchangeWithABadPointIsIllegalParameter(NamedGroup group) throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().groups(group).build(), "localhost");
        SecurityContext server = SecurityContext.server(serverBuilder().crypto(new BadPoints())
                .cipherSuites(Credentials.DEFAULT_TLS12_SUITES).groups(group).build());
        byte[] flight = step(server, clientHelloRecord(client));
        stepFails(client, flight, Reason.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1"})
    void clientKeyExchangeWithABadPointIsIllegalParameter(NamedGroup group) throws Exception {
        SecurityContext client = SecurityContext.client(clientBuilder().crypto(new BadPoints()).groups(group).build(), "localhost");
        SecurityContext server = SecurityContext.server(serverBuilder().cipherSuites(Credentials.DEFAULT_TLS12_SUITES).groups(group).build());
        byte[] flight = step(server, clientHelloRecord(client));
        byte[] clientFlight = step(client, flight);
        stepFails(server, clientFlight, Reason.ILLEGAL_PARAMETER);
    }
}
