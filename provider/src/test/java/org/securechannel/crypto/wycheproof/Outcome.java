package org.securechannel.crypto.wycheproof;

import java.util.Arrays;
import java.util.HexFormat;

/** What an implementation did with a vector: accepted it with the right answer, rejected it, or went wrong. */
public final class Outcome {
    public static final Outcome ACCEPTED = new Outcome("accepted");
    public static final Outcome REJECTED = new Outcome("rejected");

    private final String description;

    private Outcome(String description) {
        this.description = description;
    }

    /** Neither a correct answer nor the API's typed rejection (a wrong answer, the wrong alert...). */
    public static Outcome wrong(String what) {
        return new Outcome(what);
    }

    /** ACCEPTED when {@code actual} is the expected answer, otherwise a wrong answer. */
    public static Outcome answer(byte[] expected, byte[] actual) {
        return Arrays.equals(expected, actual) ? ACCEPTED
                : wrong("wrong answer " + HexFormat.of().formatHex(actual));
    }

    boolean satisfies(Expected expected) {
        return this == (expected == Expected.ACCEPT ? ACCEPTED : REJECTED);
    }

    @Override
    public String toString() {
        return description;
    }
}
