package org.securechannel.crypto.wycheproof;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our decision for each flag Wycheproof marks {@code acceptable}, each with a one-line reason: written down
 * per primitive in its test, and asserted. Every flag of an acceptable vector must have a decision (an
 * undocumented one fails the run); when a vector carries several, a REJECT among them wins.
 */
public final class AcceptableFlags {
    private final Map<String, Decision> decisions = new LinkedHashMap<>();

    private record Decision(Expected expected, String reason) {
    }

    /** For primitives whose files have no acceptable vectors: any that appears fails the run. */
    public static AcceptableFlags none() {
        return new AcceptableFlags();
    }

    /** An empty set of decisions, to be filled with {@link #accept} and {@link #reject}. */
    public static AcceptableFlags of() {
        return new AcceptableFlags();
    }

    public AcceptableFlags accept(String flag, String reason) {
        return put(flag, Expected.ACCEPT, reason);
    }

    public AcceptableFlags reject(String flag, String reason) {
        return put(flag, Expected.REJECT, reason);
    }

    private AcceptableFlags put(String flag, Expected expected, String reason) {
        if (decisions.put(flag, new Decision(expected, reason)) != null) {
            throw new IllegalArgumentException("two decisions for " + flag);
        }
        return this;
    }

    /** What the vector requires: its own verdict, or for an acceptable one our decision for its flags. */
    Expected expected(TestVector v) {
        switch (v.result()) {
            case VALID: return Expected.ACCEPT;
            case INVALID: return Expected.REJECT;
            default:
                Expected e = Expected.ACCEPT;
                for (String flag : v.flags()) {
                    Decision d = decisions.get(flag);
                    if (d == null) {
                        throw new AssertionError(v + " is acceptable with flag " + flag
                                + ", for which the test documents no decision");
                    }
                    if (d.expected() == Expected.REJECT) {
                        e = Expected.REJECT;
                    }
                }
                if (v.flags().isEmpty()) {
                    throw new AssertionError(v + " is acceptable without a flag: no decision possible");
                }
                return e;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        decisions.forEach((flag, d) -> sb.append(flag).append(" -> ").append(d.expected()).append(" (")
                .append(d.reason()).append("); "));
        return sb.length() == 0 ? "(no acceptable flags)" : sb.toString();
    }
}
