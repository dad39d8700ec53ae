package org.securechannel.crypto.wycheproof;

import java.util.List;
import java.util.Map;

/** A group of tests sharing parameters (key size, curve, public key...), read through {@link Fields}. */
public final class TestGroup extends Fields {
    private final List<TestVector> tests;

    @SuppressWarnings("unchecked")
    TestGroup(String file, int index, Map<String, Object> members) {
        super(file + " group " + index, members);
        this.tests = list("tests").stream().map(t -> new TestVector(file, (Map<String, Object>) t)).toList();
    }

    public List<TestVector> tests() {
        return tests;
    }
}
