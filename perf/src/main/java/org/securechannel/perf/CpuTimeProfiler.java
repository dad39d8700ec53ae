package org.securechannel.perf;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU nanoseconds the benchmark's JVM spent per operation ({@code -prof org.securechannel.perf.CpuTimeProfiler},
 * secondary metric {@code cpu.time.norm}). On a machine shared with other work, throughput measures how much
 * of the CPU the scheduler happened to give each fork; the CPU time an operation costs varies far less, so
 * ratios of it compare providers more fairly. It counts the whole process (GC and JIT threads too), as the
 * throughput does; it cannot see other processes' cache and memory-bandwidth pressure.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private long cpuBefore;

    @Override
    public String getDescription() {
        return "process CPU time per operation (ns/op), robust to a busy machine";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long cpu = processCpuNanos() - cpuBefore;
        long ops = result.getMetadata().getMeasuredOps();
        double perOp = ops > 0 ? (double) cpu / ops : Double.NaN;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }
}
