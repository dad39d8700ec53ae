package org.securechannel.handshake.tls12;

import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/** What TLS 1.2 ECDHE may use, for both roles. */
final class Tls12Groups {
    /** ECDHE groups (RFC 8422): no FFDHE (DHE suites are refused, RFC 9325) and no hybrids. */
    static final List<NamedGroup> ECDHE = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);

    private Tls12Groups() {
    }

    /** Whether a suite's server certificate signs its ServerKeyExchange with {@code scheme}. */
    static boolean signsFor(CipherSuite suite, SignatureScheme scheme) {
        return switch (suite.authentication()) {
            case ECDSA -> scheme.name().startsWith("ECDSA_");
            case RSA -> scheme.name().startsWith("RSA_PSS_RSAE_") || scheme.name().startsWith("RSA_PKCS1_");
            case ANY -> false;
        };
    }
}
