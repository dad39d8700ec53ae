package org.securechannel.context;

/** A chain {@link CertificateValidator} refused, with the one {@link ValidationFailure} that decided it. */
public class CertificateValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ValidationFailure failure;

    public CertificateValidationException(ValidationFailure failure, String message, Throwable cause) {
        super(failure + ": " + message, cause);
        this.failure = failure;
    }

    public ValidationFailure failure() {
        return failure;
    }
}
