package org.securechannel.context;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.handshake.PeerAuthenticator;

/**
 * Server side: after the trust manager accepts the client's chain, the {@link CertificateMapper} names the
 * account. No account with client authentication REQUIRED fails the handshake with access_denied: RFC 8446
 * §6.2 keeps that alert for "a valid certificate ... was received, but when access control was applied, the
 * sender decided not to proceed", which is exactly this; certificate_unknown would wrongly blame the
 * certificate. The Subject is only handed out once the handshake (CertificateVerify, Finished) completes.
 */
final class MappingAuthenticator implements PeerAuthenticator {
    private final PeerAuthenticator trust;
    private final CertificateMapper mapper;
    private final boolean required;
    private volatile Subject subject;
    private volatile String whyNone = "the client sent no certificate";

    MappingAuthenticator(PeerAuthenticator trust, CertificateMapper mapper, boolean required) {
        this.trust = trust;
        this.mapper = mapper;
        this.required = required;
    }

    @Override
    public void authenticate(List<X509Certificate> chain) throws AlertException {
        trust.authenticate(chain);
        X500Principal name = chain.get(0).getSubjectX500Principal();
        Optional<Subject> mapped;
        try {
            mapped = mapper.map(List.copyOf(chain));
        } catch (RuntimeException e) {
            throw new AlertException(AlertDescription.INTERNAL_ERROR, "the certificate mapper failed on " + name + ": " + e, e);
        }
        if (mapped == null || mapped.isEmpty()) {
            whyNone = "the client certificate " + name + " maps to no account";
            if (required) {
                throw new AlertException(AlertDescription.ACCESS_DENIED,
                        "access denied: the client certificate " + name + " maps to no account (certificate mapping)");
            }
            return;
        }
        subject = mapped.get();
    }

    @Override
    public List<X500Principal> acceptedIssuers() {
        return trust.acceptedIssuers();
    }

    Optional<Subject> subject() {
        return Optional.ofNullable(subject);
    }

    /** Why there is no Subject, for NO_IMPERSONATION messages. */
    String whyNone() {
        return whyNone;
    }
}
