package org.securechannel.perf;

/**
 * Thrown from a benchmark's set-up when a provider cannot run that variant at all (e.g. Conscrypt cannot
 * be told which TLS 1.3 suite or group to use). JMH reports the benchmark as failed and goes on with
 * the others; RESULTS.md lists these as "n/a". The reasons live in {@link Applicability}.
 */
public final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotApplicable(String message) {
        super("NOT APPLICABLE: " + message);
    }
}
