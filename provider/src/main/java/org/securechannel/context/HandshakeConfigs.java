package org.securechannel.context;

import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.HandshakeConfig;
import org.securechannel.handshake.PeerAuthenticator;
import org.securechannel.handshake.TicketResumption;
import org.securechannel.session.ClientSessionStore;

/** Translates public {@link Credentials} into the handshake's own terms. */
final class HandshakeConfigs {
    private HandshakeConfigs() {
    }

    static HandshakeConfig of(Credentials c, String serverName) {
        return of(c, serverName, new LocalCertificates(), 0, null);
    }

    /**
     * As {@link #of(Credentials, String)}, recording the chain we present in {@code local}. A client connecting to
     * {@code port} (0: unknown) keeps and offers tickets under its host, port and SNI name when its credentials have
     * a session store; {@code saved} (may be null) is offered instead of what the store holds.
     */
    static HandshakeConfig of(Credentials c, String serverName, LocalCertificates local, int port,
            org.securechannel.session.ClientSession saved) {
        return of(c, serverName, local, port, saved, org.securechannel.handshake.HandshakeObserver.NONE);
    }

    /** As above, with {@code observer} seeing the secrets derived and the messages sent (key log, debug log). */
    static HandshakeConfig of(Credentials c, String serverName, LocalCertificates local, int port,
            org.securechannel.session.ClientSession saved, org.securechannel.handshake.HandshakeObserver observer) {
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
                client ? null : c.serverNameAcceptor(), c.sessionCache(), tickets(c, client, serverName, port, saved),
                observer);
    }

    private static TicketResumption tickets(Credentials c, boolean client, String serverName, int port,
            org.securechannel.session.ClientSession saved) {
        if (!client) {
            org.securechannel.session.SessionTickets tickets = c.ticketsPerHandshake() == 0 ? null : c.sessionTickets();
            return tickets == null ? TicketResumption.NONE : TicketResumption.server(tickets, c.ticketPolicy());
        }
        ClientSessionStore store = c.clientSessionStore();
        ClientSessionStore.Peer peer = store == null || serverName == null ? null
                : new ClientSessionStore.Peer(serverName, port, serverName);
        return TicketResumption.client(store, peer, saved, c.ticketPolicy().acceptPskOnly());
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
