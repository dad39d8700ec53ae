package org.securechannel.context;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;

/**
 * Schannel's certificate mapping: turns a client chain the trust manager has already validated (leaf
 * first) into the {@link Subject} the server acts for in {@link SecurityContext#impersonate}. Set on server
 * credentials with {@code Credentials.Builder#certificateMapper}; with client authentication REQUIRED a
 * chain that maps to nothing fails the handshake with access_denied. Any lambda is a mapper; the ready-made
 * ones below look the leaf up in a table.
 */
@FunctionalInterface
public interface CertificateMapper {

    /** The identity for {@code validatedChain}, or empty when it maps to no account. Must not block for long. */
    Optional<Subject> map(List<X509Certificate> validatedChain);

    /** This mapper, and {@code next} where this one finds nothing. */
    default CertificateMapper orElse(CertificateMapper next) {
        Objects.requireNonNull(next, "next");
        return chain -> {
            Optional<Subject> s = map(chain);
            return s != null && s.isPresent() ? s : next.map(chain);
        };
    }

    /** By the leaf's subject DN; names compare in canonical form (RFC 2253 spacing and case do not matter). */
    static CertificateMapper bySubjectDn(Map<X500Principal, Subject> table) {
        Map<X500Principal, Subject> copy = Map.copyOf(table);
        return chain -> Optional.ofNullable(copy.get(chain.get(0).getSubjectX500Principal()));
    }

    /** The pair that names a certificate uniquely: its issuer's DN and its serial number. */
    record IssuerSerial(X500Principal issuer, BigInteger serialNumber) {
        public IssuerSerial {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(serialNumber, "serialNumber");
        }

        public static IssuerSerial of(X509Certificate cert) {
            return new IssuerSerial(cert.getIssuerX500Principal(), cert.getSerialNumber());
        }
    }

    /** By the leaf's issuer and serial number: one exact certificate per account (Schannel's one-to-one mapping). */
    static CertificateMapper byIssuerAndSerial(Map<IssuerSerial, Subject> table) {
        Map<IssuerSerial, Subject> copy = Map.copyOf(table);
        return chain -> Optional.ofNullable(copy.get(IssuerSerial.of(chain.get(0))));
    }

    /**
     * By the leaf's subject alternative names of one kind, in certificate order: the first name found in
     * the table wins. E-mail addresses and UPNs compare with the domain part case-insensitively, DNS names
     * entirely so.
     */
    static CertificateMapper bySubjectAlternativeName(SubjectAltNames.Kind kind, Map<String, Subject> table) {
        Map<String, Subject> normalized = new java.util.HashMap<>();
        table.forEach((name, subject) -> normalized.put(kind.normalize(name), Objects.requireNonNull(subject)));
        return chain -> {
            for (String name : SubjectAltNames.of(chain.get(0), kind)) {
                Subject s = normalized.get(kind.normalize(name));
                if (s != null) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        };
    }
}
