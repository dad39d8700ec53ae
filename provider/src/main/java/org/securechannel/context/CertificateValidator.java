package org.securechannel.context;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Manual credential validation, after Schannel's "Manually validating Schannel credentials": for a context
 * made with {@code manualCredentialValidation(true)}, the application checks {@code peerCertificates()}
 * itself. In order: the chain is well formed; every certificate is within its validity dates; the chain
 * leads to a trust anchor (the JDK's PKIX CertPathValidator, never a home-made one), with revocation when
 * asked (OCSP or CRLs through PKIX; off by default); the leaf may serve the peer's role (extended key usage
 * serverAuth or clientAuth, and digitalSignature key usage when present); and for a server, the host name
 * (RFC 6125, as the handshake checks it). Each failure is a distinct {@link ValidationFailure}.
 *
 * <p>Immutable and thread-safe; build once, validate many chains.
 */
public final class CertificateValidator {
    /** Whose certificate is being validated: decides the extended key usage required. */
    public enum Role {
        SERVER("1.3.6.1.5.5.7.3.1", "serverAuth"),
        CLIENT("1.3.6.1.5.5.7.3.2", "clientAuth");

        final String ekuOid;
        final String ekuName;

        Role(String ekuOid, String ekuName) {
            this.ekuOid = ekuOid;
            this.ekuName = ekuName;
        }
    }

    private static final String ANY_EKU = "2.5.29.37.0";

    private final Set<TrustAnchor> anchors;
    private final Role role;
    private final boolean revocation;
    private final List<X509CRL> crls;
    private final Instant date;

    private CertificateValidator(Builder b) {
        this.anchors = Set.copyOf(b.anchors);
        this.role = b.role;
        this.revocation = b.revocation;
        this.crls = List.copyOf(b.crls);
        this.date = b.date;
    }

    /** A validator for certificates of {@code role}, trusting exactly {@code anchors}. */
    public static Builder builder(Role role, Collection<X509Certificate> anchors) {
        return new Builder(role, anchors);
    }

    /**
     * Validates {@code chain} (leaf first, as {@code peerCertificates()} returns it). {@code hostName} is
     * checked against a server's certificate; null skips that check (and it is ignored for clients).
     */
    public void validate(List<X509Certificate> chain, String hostName) throws CertificateValidationException {
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw new CertificateValidationException(ValidationFailure.MALFORMED, "no certificate chain", null);
        }
        Date at = Date.from(date == null ? Instant.now() : date);
        for (X509Certificate c : chain) {
            checkDates(c, at);
        }
        checkPath(chain, at);
        X509Certificate leaf = chain.get(0);
        checkUsage(leaf);
        if (role == Role.SERVER && hostName != null && !HostnameChecker.matches(hostName, leaf)) {
            throw new CertificateValidationException(ValidationFailure.WRONG_HOST, "the certificate for "
                    + leaf.getSubjectX500Principal() + " does not name '" + hostName + "'", null);
        }
    }

    private static void checkDates(X509Certificate c, Date at) throws CertificateValidationException {
        try {
            c.checkValidity(at);
        } catch (CertificateExpiredException e) {
            throw new CertificateValidationException(ValidationFailure.EXPIRED, c.getSubjectX500Principal()
                    + " expired on " + c.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new CertificateValidationException(ValidationFailure.NOT_YET_VALID, c.getSubjectX500Principal()
                    + " is valid only from " + c.getNotBefore().toInstant(), e);
        }
    }

    private void checkPath(List<X509Certificate> chain, Date at) throws CertificateValidationException {
        // The anchor is not part of a PKIX path: drop it when the peer sent it along.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            CertPath certPath = cf.generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(at);
            params.setRevocationEnabled(revocation);
            if (revocation) {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                if (!crls.isEmpty()) {
                    // CRLs given: settle revocation with them alone, without reaching for the network.
                    checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                            PKIXRevocationChecker.Option.NO_FALLBACK));
                    params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
                }
                params.addCertPathChecker(checker);
            }
            validator.validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw new CertificateValidationException(failureOf(e), describe(e), e);
        } catch (CertificateException e) {
            throw new CertificateValidationException(ValidationFailure.MALFORMED, "unusable certificate: " + e.getMessage(), e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new CertificateValidationException(ValidationFailure.UNTRUSTED_ROOT, "no usable trust anchors: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateValidationException(ValidationFailure.INVALID_CHAIN, "PKIX is unavailable: " + e, e);
        }
    }

    private boolean isAnchor(X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (c.equals(a.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    private static ValidationFailure failureOf(CertPathValidatorException e) {
        CertPathValidatorException.Reason r = e.getReason();
        if (r == BasicReason.EXPIRED) {
            return ValidationFailure.EXPIRED;
        } else if (r == BasicReason.NOT_YET_VALID) {
            return ValidationFailure.NOT_YET_VALID;
        } else if (r == BasicReason.REVOKED) {
            return ValidationFailure.REVOKED;
        } else if (r == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return ValidationFailure.REVOCATION_UNKNOWN;
        } else if (r == BasicReason.INVALID_SIGNATURE) {
            return ValidationFailure.BAD_SIGNATURE;
        } else if (r == PKIXReason.NO_TRUST_ANCHOR) {
            return ValidationFailure.UNTRUSTED_ROOT;
        } else if (r == PKIXReason.INVALID_KEY_USAGE) {
            return ValidationFailure.WRONG_USAGE;
        }
        return ValidationFailure.INVALID_CHAIN;
    }

    private static String describe(CertPathValidatorException e) {
        String where = e.getIndex() >= 0 ? " (certificate " + e.getIndex() + " of the path)" : "";
        return e.getMessage() + where;
    }

    private void checkUsage(X509Certificate leaf) throws CertificateValidationException {
        List<String> ekus;
        try {
            ekus = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateValidationException(ValidationFailure.MALFORMED, "unparseable extended key usage", e);
        }
        if (ekus != null && !ekus.contains(role.ekuOid) && !ekus.contains(ANY_EKU)) {
            throw new CertificateValidationException(ValidationFailure.WRONG_USAGE, leaf.getSubjectX500Principal()
                    + " is not for " + role.ekuName + " (extended key usages " + ekus + ")", null);
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0]) {
            // TLS 1.3 peers prove their key with CertificateVerify: a signature.
            throw new CertificateValidationException(ValidationFailure.WRONG_USAGE,
                    leaf.getSubjectX500Principal() + " may not sign (no digitalSignature key usage)", null);
        }
    }

    /** Configures a {@link CertificateValidator}. */
    public static final class Builder {
        private final Set<TrustAnchor> anchors = new HashSet<>();
        private final Role role;
        private boolean revocation;
        private final List<X509CRL> crls = new ArrayList<>();
        private Instant date;

        private Builder(Role role, Collection<X509Certificate> anchorCerts) {
            this.role = Objects.requireNonNull(role, "role");
            for (X509Certificate c : anchorCerts) {
                anchors.add(new TrustAnchor(c, null));
            }
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("a validator needs at least one trust anchor");
            }
        }

        /** Check revocation through PKIX (OCSP, then CRL distribution points); off by default. */
        public Builder revocation(boolean check) {
            this.revocation = check;
            return this;
        }

        /** Check revocation against these CRLs only (implies {@code revocation(true)}); no network access. */
        public Builder crls(Collection<X509CRL> list) {
            this.crls.addAll(list);
            this.revocation = true;
            return this;
        }

        /** Validate as of this instant instead of now. */
        public Builder date(Instant instant) {
            this.date = instant;
            return this;
        }

        public CertificateValidator build() {
            return new CertificateValidator(this);
        }
    }
}
