package org.securechannel.crypto.wycheproof;

/** A vector's verdict in Wycheproof: must pass, must be rejected, or either (decided per flag). */
public enum Result {
    VALID, INVALID, ACCEPTABLE;

    static Result of(String s) {
        switch (s) {
            case "valid": return VALID;
            case "invalid": return INVALID;
            case "acceptable": return ACCEPTABLE;
            default: throw new IllegalArgumentException("unknown Wycheproof result " + s);
        }
    }
}
