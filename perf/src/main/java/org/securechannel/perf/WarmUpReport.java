package org.securechannel.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The path to steady state: per-iteration scores of a JMH JSON result run without warm-up
 * ({@code -wi 0 -i 8 -r 2s}), one table row per provider and one column per iteration, with SecureChannel's
 * ratio to SunJSSE (and to Conscrypt) iteration by iteration. Report prints only JMH's averages, which hide
 * exactly what a freshly started server sees: the first seconds.
 * {@code java -cp perf/target/benchmarks.jar org.securechannel.perf.WarmUpReport warm.json [cpu.time.norm]}
 * <p>With a second argument the cells are that secondary metric (a cost per operation, e.g. CPU ns/op from
 * {@link CpuTimeProfiler}) and the ratios are the base's cost over ours, so above 1 still means faster.
 */
public final class WarmUpReport {
    private WarmUpReport() {
    }

    public static void main(String[] args) throws Exception {
        Object json = new Report.Json(Files.readString(Path.of(args[0]))).value();
        String secondary = args.length > 1 ? args[1] : null;
        // row (benchmark + parameters but the provider) -> provider -> per-iteration scores
        Map<String, Map<String, double[]>> rows = new LinkedHashMap<>();
        int width = 0;
        for (Object o : (List<?>) json) {
            Map<?, ?> r = (Map<?, ?>) o;
            String bench = (String) r.get("benchmark");
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            StringBuilder row = new StringBuilder(cls.substring(cls.lastIndexOf('.') + 1));
            Map<String, String> params = new TreeMap<>();
            Map<?, ?> p = (Map<?, ?>) r.get("params");
            if (p != null) {
                p.forEach((k, v) -> params.put((String) k, (String) v));
            }
            String provider = params.containsKey("provider") ? params.remove("provider") : "score";
            params.forEach((k, v) -> row.append(' ').append(k).append('=').append(v));
            int threads = ((Number) r.get("threads")).intValue();
            if (threads != 1) {
                row.append(" threads=").append(threads);
            }
            Map<?, ?> m = (Map<?, ?>) r.get("primaryMetric");
            if (secondary != null) {
                m = (Map<?, ?>) ((Map<?, ?>) r.get("secondaryMetrics")).get(secondary);
                if (m == null) {
                    continue;
                }
            }
            double[] scores = firstFork((List<?>) m.get("rawData"));
            width = Math.max(width, scores.length);
            rows.computeIfAbsent(row.toString(), k -> new LinkedHashMap<>()).put(provider, scores);
        }
        String iterationTime = iterationTime(json);
        StringBuilder head = new StringBuilder("| " + (secondary == null ? "ops/s" : secondary) + " | provider |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int i = 0; i < width; i++) {
            head.append(" it ").append(i + 1).append(" |");
            rule.append("---:|");
        }
        System.out.println("Per-iteration scores (" + iterationTime + " each, no warm-up; ratios: "
                + (secondary == null ? "our ops/s over theirs" : "their cost over ours") + ")\n");
        System.out.println(head);
        System.out.println(rule);
        for (var row : rows.entrySet()) {
            Map<String, double[]> byProvider = row.getValue();
            for (var e : byProvider.entrySet()) {
                StringBuilder line = new StringBuilder("| " + row.getKey() + " | " + e.getKey() + " |");
                for (double v : e.getValue()) {
                    line.append(' ').append(fmt(v)).append(" |");
                }
                System.out.println(line);
            }
            double[] ours = byProvider.get("SecureChannel");
            for (String base : new String[] {"SunJSSE", "Conscrypt"}) {
                double[] theirs = byProvider.get(base);
                if (ours == null || theirs == null) {
                    continue;
                }
                StringBuilder line = new StringBuilder("| " + row.getKey() + " | **ours ÷ " + base + "** |");
                for (int i = 0; i < Math.min(ours.length, theirs.length); i++) {
                    double ratio = secondary == null ? ours[i] / theirs[i] : theirs[i] / ours[i];
                    line.append(String.format(Locale.ROOT, " **%.2f×** |", ratio));
                }
                System.out.println(line);
            }
        }
    }

    /** The first fork's iterations: warm-up is a property of one JVM, so forks are not averaged together. */
    private static double[] firstFork(List<?> rawData) {
        List<?> fork = (List<?>) rawData.get(0);
        double[] scores = new double[fork.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = ((Number) fork.get(i)).doubleValue();
        }
        return scores;
    }

    private static String iterationTime(Object json) {
        List<?> list = (List<?>) json;
        return list.isEmpty() ? "?" : String.valueOf(((Map<?, ?>) list.get(0)).get("measurementTime"));
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
