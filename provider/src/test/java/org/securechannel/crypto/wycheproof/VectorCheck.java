package org.securechannel.crypto.wycheproof;

/**
 * Runs one vector through one implementation the way the TLS code calls it and says what happened. The API's
 * typed failure is mapped to {@link Outcome#REJECTED} here; anything else thrown is a failure of the run.
 */
@FunctionalInterface
public interface VectorCheck {
    Outcome check(TestGroup group, TestVector vector) throws Exception;
}
