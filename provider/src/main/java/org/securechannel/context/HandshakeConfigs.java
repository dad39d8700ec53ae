package org.securechannel.context;

import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.PeerAuthenticator;

/** Translates public {@link Credentials} into the handshake's own terms. */
final class HandshakeConfigs {
    private HandshakeConfigs() {
    }

    static HandshakeConfig of(Credentials c, String serverName) {
        return of(c, serverName, new LocalCertificates());
    }

    /** As {@link #of(Credentials, String)}, recording the chain we present in {@code local}. */
    static HandshakeConfig of(Credentials c, String serverName, LocalCertificates local) {
        return of(c, serverName, local, org.securechannel.handshake.HandshakeObserver.NONE);
    }

    /** As {@link #of(Credentials, String, LocalCertificates)}, with {@code observer} seeing secrets and messages. */
    static HandshakeConfig of(Credentials c, String serverName, LocalCertificates local,
            org.securechannel.handshake.HandshakeObserver observer) {
        boolean client = c.role() == Credentials.Role.CLIENT;
        PeerAuthenticator authenticator = client && c.manualCredentialValidation() || c.trustManager() == null
                ? ManualValidation.INSTANCE
                : new ValidationEvents(new TrustManagerAuthenticator(c.trustManager(), client,
                        c.hostnameVerification() ? serverName : null), client,
                        c.peerHost() != null ? c.peerHost() : serverName, c.peerPort());
        if (!client && c.certificateMapper() != null) {
            authenticator = new MappingAuthenticator(authenticator, c.certificateMapper(),
                    c.clientAuth() == Credentials.ClientAuth.REQUIRED);
        }
        return new HandshakeConfig(client, c.cipherSuites(), c.groups(), c.signatureSchemes(),
                c.applicationProtocols(), serverName, ClientAuthMode.valueOf(c.clientAuth().name()), c.crypto(),
                c.random(), local.recording(selector(c)), authenticator, client ? null : c.applicationProtocolSelector(),
                client ? null : c.serverNameAcceptor(), c.sessionCache(), observer);
    }

    static CertificateSelector selector(Credentials c) {
        boolean client = c.role() == Credentials.Role.CLIENT;
        if (c.keyManager() != null) {
            return new KeyManagerCertificates(c.keyManager(), client);
        }
        if (c.certificates().isEmpty()) {
            return CertificateSelector.NONE;
        }
        return new ConfiguredCertificates(c.certificates(), client);
    }
}
