package org.securechannel.perf;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Retained heap per idle connection: N engine pairs per provider, handshaken and with one byte exchanged
 * each way, kept alive; used heap after repeated full GCs, before and after, divided by N.
 * {@code java -cp perf/target/benchmarks.jar org.securechannel.perf.RetainedHeap [pairs] [provider...]}
 * Run each provider in its own JVM for the cleanest figure (the default does so by re-launching itself).
 */
public final class RetainedHeap {
    private RetainedHeap() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> providers = args.length > 1 ? List.of(args).subList(1, args.length) : Providers.ALL;
        if (providers.size() > 1) {
            for (String p : providers) {
                Process proc = new ProcessBuilder(javaCommand(String.valueOf(n), p)).inheritIO().start();
                proc.waitFor();
            }
            return;
        }
        String provider = providers.get(0);
        Handshakes hs;
        try {
            hs = new Handshakes(provider, Handshakes.Variant.ECDSA_P256_X25519, "TLS_AES_128_GCM_SHA256", false);
        } catch (NotApplicable e) {
            System.out.printf("%-14s n/a (%s)%n", provider, e.getMessage());
            return;
        }
        EnginePair.Buffers buffers = hs.newBuffers(1024);
        hs.verify(buffers, 2);
        // Warm up class loading and caches so they do not count as per-connection state.
        List<EnginePair> keep = new ArrayList<>(n);
        for (int i = 0; i < 50; i++) {
            connect(hs, buffers);
        }
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            keep.add(connect(hs, buffers));
        }
        long after = usedAfterGc();
        System.out.printf("%-14s %,8d bytes retained per idle engine pair (%d pairs)%n", provider,
                (after - before) / n, keep.size());
    }

    private static EnginePair connect(Handshakes hs, EnginePair.Buffers buffers) throws Exception {
        EnginePair pair = hs.newPair(buffers);
        pair.handshake();
        pair.pingPong();
        return pair;
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RetainedHeap.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
