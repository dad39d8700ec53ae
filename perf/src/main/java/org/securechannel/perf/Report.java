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
 * Turns a JMH JSON result file ({@code -rf json -rff results.json}) into the Markdown tables of RESULTS.md:
 * one row per benchmark and parameter set, one column per provider (or backend), JMH's 99.9% error, the
 * ratio to SunJSSE (or to JDK) computed within that one run, SecureChannel's ratio to Conscrypt where both
 * ran, and MB/s for the bulk benchmarks.
 * {@code java -cp perf/target/benchmarks.jar org.securechannel.perf.Report results.json}
 * <p>With a second argument, the tables show that secondary metric instead, a cost per operation such as
 * {@code cpu.time.norm} ({@link CpuTimeProfiler}); ratios are then the base's cost over the column's, so that
 * above 1 still means faster.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws Exception {
        Object json = new Json(Files.readString(Path.of(args[0]))).value();
        String secondary = args.length > 1 ? args[1] : null;
        // table -> row -> column -> score
        Map<String, Map<String, Map<String, double[]>>> tables = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (Object o : (List<?>) json) {
            Map<?, ?> r = (Map<?, ?>) o;
            String bench = (String) r.get("benchmark");
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            Map<String, String> params = new TreeMap<>();
            Map<?, ?> p = (Map<?, ?>) r.get("params");
            if (p != null) {
                p.forEach((k, v) -> params.put((String) k, (String) v));
            }
            String columnKey = params.containsKey("provider") ? "provider" : params.containsKey("backend") ? "backend"
                    : params.containsKey("api") ? "api" : null;
            String column = columnKey == null ? "score" : params.remove(columnKey);
            StringBuilder row = new StringBuilder(method);
            params.forEach((k, v) -> row.append(' ').append(k).append('=').append(v));
            Map<?, ?> m = (Map<?, ?>) r.get("primaryMetric");
            if (secondary != null) {
                m = (Map<?, ?>) ((Map<?, ?>) r.get("secondaryMetrics")).get(secondary);
                if (m == null) {
                    continue;
                }
            }
            double score = ((Number) m.get("score")).doubleValue();
            double error = m.get("scoreError") instanceof Number ? ((Number) m.get("scoreError")).doubleValue() : Double.NaN;
            double mb = secondary != null ? Double.NaN : params.containsKey("size") ? score * Integer.parseInt(params.get("size")) / 1e6
                    : method.endsWith("16k") ? score * 16384 / 1e6 : Double.NaN;
            tables.computeIfAbsent(cls, k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.toString(), k -> new LinkedHashMap<>())
                    .put(column, new double[] {score, error, mb});
            List<String> cols = columns.computeIfAbsent(cls, k -> new ArrayList<>());
            if (!cols.contains(column)) {
                cols.add(column);
            }
        }
        for (var t : tables.entrySet()) {
            List<String> cols = columns.get(t.getKey());
            String base = cols.contains("SunJSSE") ? "SunJSSE" : cols.contains("JDK") ? "JDK"
                    : cols.contains("SSLEngine") ? "SSLEngine" : cols.get(0);
            System.out.println("### " + t.getKey() + (secondary != null
                    ? " (" + secondary + " per operation; ratio: " + base + "'s over the column's)\n"
                    : " (ops/s" + (t.getKey().startsWith("Bulk") ? "; MB/s of plaintext" : "") + "; ratio to " + base + ")\n"));
            StringBuilder head = new StringBuilder("| benchmark |");
            StringBuilder rule = new StringBuilder("|---|");
            for (String c : cols) {
                head.append(' ').append(c).append(" |");
                rule.append("---:|");
            }
            System.out.println(head);
            System.out.println(rule);
            for (var row : t.getValue().entrySet()) {
                StringBuilder line = new StringBuilder("| " + row.getKey() + " |");
                double[] b = row.getValue().get(base);
                double[] conscrypt = row.getValue().get("Conscrypt");
                for (String c : cols) {
                    double[] v = row.getValue().get(c);
                    if (v == null) {
                        line.append(" n/a |");
                        continue;
                    }
                    line.append(' ').append(fmt(v[0]));
                    if (!Double.isNaN(v[1])) {
                        line.append(" ± ").append(fmt(v[1]));
                    }
                    if (!Double.isNaN(v[2])) {
                        line.append(String.format(Locale.ROOT, " (%.0f MB/s)", v[2]));
                    }
                    if (b != null && !c.equals(base)) {
                        line.append(String.format(Locale.ROOT, " **%.2f×**", speedRatio(v[0], b[0], secondary)));
                    }
                    if (conscrypt != null && "SecureChannel".equals(c)) {
                        line.append(String.format(Locale.ROOT, " (%.2f× Conscrypt)", speedRatio(v[0], conscrypt[0], secondary)));
                    }
                    line.append(" |");
                }
                System.out.println(line);
            }
            System.out.println();
        }
    }

    /** How many times faster {@code v} is than {@code base}: a throughput ratio, or the inverse of a cost ratio. */
    private static double speedRatio(double v, double base, String secondary) {
        return secondary == null ? v / base : base / v;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Just enough JSON for JMH's result files. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    i++; // :
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String tok = s.substring(start, i);
            switch (tok) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null": return null;
                default:
                    try {
                        return Double.parseDouble(tok);
                    } catch (NumberFormatException e) {
                        return tok; // NaN and the like
                    }
            }
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    } else {
                        b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    }
                } else {
                    b.append(c);
                }
            }
            i++;
            return b.toString();
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
