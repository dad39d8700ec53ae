package org.securechannel.crypto.wycheproof;

import java.util.List;
import java.util.Map;

/** One test of a vector file: its id, verdict, flags, and the primitive's inputs (read through {@link Fields}). */
public final class TestVector extends Fields {
    private final int tcId;
    private final Result result;
    private final List<String> flags;

    TestVector(String file, Map<String, Object> members) {
        super(file + " tcId " + members.get("tcId"), members);
        this.tcId = integer("tcId");
        this.result = Result.of(string("result"));
        // The ML-KEM keygen files leave out an empty flags list.
        this.flags = has("flags") ? list("flags").stream().map(String.class::cast).toList() : List.of();
    }

    public int tcId() {
        return tcId;
    }

    public Result result() {
        return result;
    }

    public List<String> flags() {
        return flags;
    }
}
