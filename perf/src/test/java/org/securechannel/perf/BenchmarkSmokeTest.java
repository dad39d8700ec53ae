package org.securechannel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * CI smoke, not a measurement: every benchmark runs one 100 ms iteration, and each benchmark's set-up
 * checks that its provider negotiated what the benchmark claims. The test asserts that exactly the
 * combinations Applicability calls n/a are missing, so a provider that silently negotiates something else
 * (another suite, group, a resumption) fails the build instead of producing a misleading number.
 */
class BenchmarkSmokeTest {
    @BeforeAll
    static void allowConcurrentJmh() {
        // Someone may be running the benchmarks jar on this machine; the smoke does not measure anything.
        System.setProperty("jmh.ignoreLock", "true");
        // What ResumedHandshakeBenchmark's forks run with (SunJSSE reads it once, before its first context).
        System.setProperty("jdk.tls.client.enableSessionTicketExtension", "false");
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
    }

    private static ChainedOptionsBuilder quick() {
        return new OptionsBuilder()
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(false)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT);
    }

    @Test
    void everyProviderNegotiatesWhatEachBenchmarkClaims() throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> got = new ArrayList<>();
        List<String> variants = new ArrayList<>();
        for (Handshakes.Variant v : Handshakes.Variant.values()) {
            if (v != Handshakes.Variant.ECDSA_P256_SECP256R1) {
                variants.add(v.name());
            }
        }
        String[] suites = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};
        for (String p : Providers.ALL) {
            for (String v : variants) {
                expect(expected, "FullHandshakeBenchmark", p, Handshakes.Variant.valueOf(v), "TLS_AES_128_GCM_SHA256");
            }
            expect(expected, "ResumedHandshakeBenchmark", p, Handshakes.Variant.TLS12_ECDSA_P256_X25519,
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            for (String s : suites) {
                if (Applicability.reason(p, Handshakes.Variant.headlineFor(s), s) == null) {
                    expected.add("BulkBenchmark " + p + " " + s + " heap");
                    expected.add("BulkBenchmark " + p + " " + s + " direct");
                }
            }
        }
        // In-process (forks 0): a fork per combination would cost a JVM start each.
        Collection<RunResult> inProcess = new Runner(quick()
                .include(FullHandshakeBenchmark.class.getSimpleName())
                .include(BulkBenchmark.class.getSimpleName())
                .include(ResumedHandshakeBenchmark.class.getSimpleName())
                .include(EngineApiBenchmark.class.getSimpleName())
                .include(PrimitivesBenchmark.class.getSimpleName())
                .param("variant", variants.toArray(new String[0]))
                .param("size", "1024")
                .forks(0)
                .build()).run();
        record(got, inProcess);
        assertEquals(2 * 2, count(inProcess, "EngineApiBenchmark"), "EngineApiBenchmark: both APIs, both benchmarks");
        assertEquals(14 * 3, count(inProcess, "PrimitivesBenchmark"),
                "PrimitivesBenchmark: every primitive, both backends and the default");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(got));
    }

    /**
     * secp256r1 needs jdk.tls.namedGroups on JDK 17 (SunJSSE reads it once per JVM), so this variant runs
     * in forked JVMs, one per provider, as it does in a real run.
     */
    @Test
    void secp256r1VariantNegotiatesSecp256r1() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String p : Providers.ALL) {
            expect(expected, "FullHandshakeBenchmark", p, Handshakes.Variant.ECDSA_P256_SECP256R1, "TLS_AES_128_GCM_SHA256");
        }
        Collection<RunResult> forked = new Runner(quick()
                .include(FullHandshakeBenchmark.class.getSimpleName())
                .param("variant", Handshakes.Variant.ECDSA_P256_SECP256R1.name())
                .forks(1)
                .build()).run();
        List<String> got = new ArrayList<>();
        record(got, forked);
        assertEquals(new TreeSet<>(expected), new TreeSet<>(got));
    }

    private static void expect(List<String> expected, String benchmark, String provider, Handshakes.Variant v,
            String suite) {
        if (Applicability.reason(provider, v, suite) == null) {
            expected.add(benchmark + " " + provider + " " + v.name());
        }
    }

    private static void record(List<String> got, Collection<RunResult> results) {
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            if (cls.equals("FullHandshakeBenchmark")) {
                got.add(cls + " " + r.getParams().getParam("provider") + " " + r.getParams().getParam("variant"));
            } else if (cls.equals("ResumedHandshakeBenchmark")) {
                got.add(cls + " " + r.getParams().getParam("provider") + " " + Handshakes.Variant.TLS12_ECDSA_P256_X25519);
            } else if (cls.equals("BulkBenchmark")) {
                got.add(cls + " " + r.getParams().getParam("provider") + " " + r.getParams().getParam("suite") + " "
                        + ("true".equals(r.getParams().getParam("direct")) ? "direct" : "heap"));
            }
        }
    }

    private static long count(Collection<RunResult> results, String cls) {
        return results.stream().filter(r -> r.getParams().getBenchmark().contains("." + cls + ".")).count();
    }
}
