package org.securechannel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * ObservabilityBenchmark runs in each mode, whose set-up proves the mode (the Handshake event enabled only under
 * the recording, log lines only with the discarding logger). It measures nothing; there are no timed tests.
 */
class ObservabilityBenchmarkSmokeTest {
    @Test
    void everyModeSetsUpAndRuns() throws Exception {
        System.setProperty("jmh.ignoreLock", "true"); // someone may be running the benchmarks jar on this machine
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ObservabilityBenchmark.class.getSimpleName())
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .forks(0)
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build()).run();
        assertEquals(3 * 2, results.size(), "three modes, handshake and bulk");
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
        }
    }
}
