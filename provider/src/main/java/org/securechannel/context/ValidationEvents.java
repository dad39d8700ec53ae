package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.StringJoiner;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.handshake.PeerAuthenticator;

/** Records each chain its delegate judges as a {@link CertificateValidationEvent}, when a recording wants one. */
final class ValidationEvents implements PeerAuthenticator {
    private final PeerAuthenticator delegate;
    private final boolean client;
    private final String peerHost;
    private final int peerPort;

    /** Judging for {@code client} (or a server), talking to the peer named by {@code peerHost} and {@code peerPort}. */
    ValidationEvents(PeerAuthenticator delegate, boolean client, String peerHost, int peerPort) {
        this.delegate = delegate;
        this.client = client;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    @Override
    public void authenticate(List<X509Certificate> chain) throws AlertException {
        CertificateValidationEvent event = new CertificateValidationEvent();
        if (!event.isEnabled()) {
            delegate.authenticate(chain);
            return;
        }
        event.begin();
        try {
            delegate.authenticate(chain);
            event.result = "valid";
        } catch (AlertException e) {
            event.result = e.alert().rfcName();
            event.reason = e.getMessage();
            throw e;
        } finally {
            event.end();
            if (event.shouldCommit()) {
                describe(event, chain);
                event.commit();
            }
        }
    }

    private void describe(CertificateValidationEvent event, List<X509Certificate> chain) {
        event.connection(peerHost, peerPort, client);
        event.chainLength = chain.size();
        event.certificateId = chain.isEmpty() ? 0 : chain.get(0).hashCode();
        StringJoiner subjects = new StringJoiner(" | ");
        StringJoiner serials = new StringJoiner(" | ");
        for (X509Certificate c : chain) {
            subjects.add(c.getSubjectX500Principal().getName(X500Principal.RFC2253));
            serials.add(c.getSerialNumber().toString(16));
        }
        event.subjects = subjects.toString();
        event.serialNumbers = serials.toString();
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        return delegate.acceptedIssuers();
    }
}
