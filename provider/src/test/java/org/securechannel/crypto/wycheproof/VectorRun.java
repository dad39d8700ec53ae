package org.securechannel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs every vector of a file through one implementation, reports how many ran, and fails with every vector
 * that went wrong (not just the first). A run of zero vectors fails: a missing or emptied file must not pass.
 */
public final class VectorRun {
    private static final int FAILURES_SHOWN = 25;

    private final VectorFile file;
    private final String implementation;
    private Predicate<TestGroup> inScope = g -> true;
    private String scopeNote = "";
    private AcceptableFlags acceptable = AcceptableFlags.none();
    private boolean allRejected;
    private String allRejectedReason;
    private Predicate<TestVector> overridden = v -> false;
    private Expected override;
    private String overrideReason;

    private VectorRun(VectorFile file, String implementation) {
        this.file = file;
        this.implementation = implementation;
    }

    public static VectorRun of(String fileName, String implementation) {
        return new VectorRun(VectorFile.load(fileName), implementation);
    }

    /** Only groups matching {@code scope} run; the others are counted as skipped, with {@code note} as why. */
    public VectorRun onlyGroups(Predicate<TestGroup> scope, String note) {
        this.inScope = scope;
        this.scopeNote = note;
        return this;
    }

    public VectorRun acceptable(AcceptableFlags flags) {
        this.acceptable = flags;
        return this;
    }

    /**
     * Every vector must be rejected whatever its verdict: for files whose parameters TLS forbids, where a
     * Wycheproof-valid vector is one a TLS implementation must refuse.
     */
    public VectorRun expectAllRejected(String reason) {
        this.allRejected = true;
        this.allRejectedReason = reason;
        return this;
    }

    /**
     * The vectors matching {@code which} must give {@code expected} instead of their verdict: for a defect
     * outside our code (a JDK's) that a test documents and detects rather than hides.
     */
    public VectorRun expect(Predicate<TestVector> which, Expected expected, String reason) {
        this.overridden = which;
        this.override = expected;
        this.overrideReason = reason;
        return this;
    }

    /** Runs the vectors; returns how many ran. */
    public int run(VectorCheck check) {
        int valid = 0;
        int invalid = 0;
        int acceptableCount = 0;
        int skipped = 0;
        int overrides = 0;
        List<String> failures = new ArrayList<>();
        for (TestGroup group : file.groups()) {
            if (!inScope.test(group)) {
                skipped += group.tests().size();
                continue;
            }
            for (TestVector v : group.tests()) {
                switch (v.result()) {
                    case VALID: valid++; break;
                    case INVALID: invalid++; break;
                    default: acceptableCount++; break;
                }
                Expected expected = allRejected ? Expected.REJECT : acceptable.expected(v);
                if (overridden.test(v)) {
                    expected = override;
                    overrides++;
                }
                Outcome outcome;
                try {
                    outcome = check.check(group, v);
                } catch (Exception | AssertionError e) {
                    outcome = Outcome.wrong("threw " + e);
                }
                if (!outcome.satisfies(expected)) {
                    failures.add("tcId " + v.tcId() + " (" + v.result().name().toLowerCase() + " " + v.flags()
                            + ", expected " + expected + "): " + outcome);
                }
            }
        }
        int ran = valid + invalid + acceptableCount;
        System.out.printf("Wycheproof %-40s %-36s %4d vectors (%d valid, %d invalid, %d acceptable)%s%s%s%n",
                file.name(), implementation, ran, valid, invalid, acceptableCount,
                skipped == 0 ? "" : ", " + skipped + " skipped: " + scopeNote,
                allRejected ? ", all must be rejected: " + allRejectedReason : "",
                overrides == 0 ? "" : ", " + overrides + " expected " + override + ": " + overrideReason);
        assertTrue(ran > 0, file.name() + " ran no vectors for " + implementation);
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append(implementation).append(" failed ").append(failures.size()).append(" of ").append(ran)
                    .append(" vectors of ").append(file.name()).append(":");
            failures.stream().limit(FAILURES_SHOWN).forEach(f -> sb.append("\n  ").append(f));
            if (failures.size() > FAILURES_SHOWN) {
                sb.append("\n  ... and ").append(failures.size() - FAILURES_SHOWN).append(" more");
            }
            throw new AssertionError(sb.toString());
        }
        return ran;
    }
}
