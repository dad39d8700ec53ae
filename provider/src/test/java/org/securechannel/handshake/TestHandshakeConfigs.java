package org.securechannel.handshake;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.context.Credentials;
import org.securechannel.crypto.CryptoBackend;

/** Handshake configurations for unit tests of single states: defaults, no certificate, every chain accepted. */
public final class TestHandshakeConfigs {
    public static final PeerAuthenticator ACCEPT_ALL = new PeerAuthenticator() {
        @Override
        public void authenticate(List<X509Certificate> chain) {
        }

        @Override
        public List<X500Principal> acceptedIssuers() {
            return List.of();
        }
    };

    private TestHandshakeConfigs() {
    }

    public static HandshakeConfig defaults(boolean client) {
        return new HandshakeConfig(client, Credentials.DEFAULT_SUITES, Credentials.DEFAULT_GROUPS, Credentials.DEFAULT_SCHEMES,
                List.of(), client ? "localhost" : null, ClientAuthMode.NONE, CryptoBackend.defaultBackend(),
                CryptoBackend.defaultBackend().random(), CertificateSelector.NONE, ACCEPT_ALL);
    }
}
