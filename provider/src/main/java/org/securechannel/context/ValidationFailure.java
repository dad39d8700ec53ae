package org.securechannel.context;

/** Why {@link CertificateValidator} refused a chain: one value per check, as Schannel's policy errors distinguish them. */
public enum ValidationFailure {
    /** Empty chain, or a certificate that cannot be parsed or encoded. */
    MALFORMED,
    /** The chain does not lead to one of the given trust anchors. */
    UNTRUSTED_ROOT,
    /** A certificate's notAfter is before the validation date. */
    EXPIRED,
    /** A certificate's notBefore is after the validation date. */
    NOT_YET_VALID,
    /** A certificate was revoked (revocation checking was asked for). */
    REVOKED,
    /** Revocation was asked for, but no CRL or OCSP answer could settle it. */
    REVOCATION_UNKNOWN,
    /** The leaf may not be used for this side of TLS (extended or plain key usage). */
    WRONG_USAGE,
    /** The server's certificate does not name the host the client meant to reach. */
    WRONG_HOST,
    /** A signature in the chain does not verify. */
    BAD_SIGNATURE,
    /** Any other path problem: basic or name constraints, path length, unknown critical extensions. */
    INVALID_CHAIN
}
