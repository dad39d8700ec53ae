package org.securechannel.perf;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a full handshake's time goes, from a JFR recording of {@code FullHandshakeBenchmark} with
 * {@code provider=SecureChannel}: every execution sample of the benchmark thread is charged to the outermost
 * frame that names a component (key exchange, signing, CertificateVerify, chain validation through the trust
 * manager, certificate parsing, HKDF and Finished, transcript hash, records, tickets, random, engine set-up,
 * message encoding), and to the side whose handshake state is on the stack (a {@code tls13.Client*} or
 * {@code tls13.Server*} state). Outermost, so the JDK's signature checks inside PKIX validation count as chain
 * validation, and HMAC inside the key schedule as HKDF.
 * <pre>
 * java -jar perf/target/benchmarks.jar FullHandshakeBenchmark -p provider=SecureChannel -p variant=ECDSA_P256_X25519 \
 *      -wi 3 -w 2s -i 5 -r 2s -jvmArgsAppend '-XX:StartFlightRecording=filename=hs.jfr,settings=profile'
 * java -cp perf/target/benchmarks.jar org.securechannel.perf.HandshakeCostBreakdown hs.jfr [CPU µs per handshake]
 * </pre>
 * With the CPU time per handshake ({@link CpuTimeProfiler}) as a second argument, each share is also given in µs.
 * Samples from the first third of the recording (warm-up) are left out.
 */
public final class HandshakeCostBreakdown {
    private HandshakeCostBreakdown() {
    }

    /** Component name -> pattern over "class.method", checked from the outermost frame in. */
    private static final Map<String, Pattern> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("chain validation (X509TrustManager, PKIX)", Pattern.compile(
                "X509TrustManager|TrustManager.*\\.check(Server|Client)Trusted|sun\\.security\\.validator\\."
                        + "|CertPathValidator|CountingTrustManager|PeerAuthenticator"));
        COMPONENTS.put("certificate parsing", Pattern.compile(
                "CertificateFactory|handshake\\.CertificateChains|X509CertImpl\\.<init>|X509Factory"));
        COMPONENTS.put("signing (CertificateVerify out)", Pattern.compile(
                "org\\.securechannel\\.crypto\\..*\\.sign$|ECDSASigner\\.generateSignature"));
        COMPONENTS.put("signature check (CertificateVerify in)", Pattern.compile(
                "org\\.securechannel\\.crypto\\..*\\.verify$|BouncyCastleEcdsaVerifier"));
        COMPONENTS.put("key exchange (x25519)", Pattern.compile(
                "org\\.securechannel\\.crypto\\.(JavaX25519|.*KeyShare|KeyExchange|HybridKeyExchange)"
                        + "|CryptoBackend\\.respond$|CryptoBackend\\.generateKeyShare$"));
        COMPONENTS.put("transcript hash", Pattern.compile("TranscriptHash|handshake\\.Transcript\\."));
        COMPONENTS.put("HKDF, key schedule, Finished", Pattern.compile(
                "org\\.securechannel\\.crypto\\.Hkdf|KeySchedule|TrafficSecrets|FinishedSupport"
                        + "|CryptoBackend\\.hmac$|CryptoBackend\\.hkdf"));
        COMPONENTS.put("record protection", Pattern.compile(
                "RecordProtection\\.|RecordAead|CipherRecycler|JavaChaCha20"));
        COMPONENTS.put("session tickets", Pattern.compile("Tink|SessionTickets|TicketSealer|ReceivedTicket"));
        COMPONENTS.put("random", Pattern.compile("SecureRandom|NativePRNG|DRBG"));
        COMPONENTS.put("engine and context set-up", Pattern.compile(
                "createSSLEngine|SecureChannelEngine\\.<init>|Credentials|ConnectionParameters|SSLEngine\\.set"));
        COMPONENTS.put("message encoding and parsing", Pattern.compile("org\\.securechannel\\.codec\\."));
    }

    private static final Pattern CLIENT = Pattern.compile("handshake\\.tls13\\.Client|ClientVersionFront|ClientHelloFlight");
    private static final Pattern SERVER = Pattern.compile("handshake\\.tls13\\.(Server|SessionTicketsIssued)|ServerVersionFront");

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        double cpuMicros = args.length > 1 ? Double.parseDouble(args[1]) : Double.NaN;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RecordedEvent e : events) {
            if (isSample(e)) {
                long t = e.getStartTime().toEpochMilli();
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        long from = first + (last - first) / 3;
        Map<String, int[]> counts = new LinkedHashMap<>(); // component -> client, server, neither
        COMPONENTS.keySet().forEach(k -> counts.put(k, new int[3]));
        counts.put("other (engine driver, buffers, harness)", new int[3]);
        int total = 0;
        for (RecordedEvent e : events) {
            if (!isSample(e) || e.getStartTime().toEpochMilli() < from || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.contains("jmh-worker")) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames(); // leaf first
            String component = "other (engine driver, buffers, harness)";
            int side = 2;
            outer:
            for (int i = frames.size() - 1; i >= 0; i--) {
                String name = name(frames.get(i));
                if (side == 2) {
                    side = CLIENT.matcher(name).find() ? 0 : SERVER.matcher(name).find() ? 1 : 2;
                }
                for (var c : COMPONENTS.entrySet()) {
                    if (c.getValue().matcher(name).find()) {
                        component = c.getKey();
                        // keep looking for the side further in
                        for (int j = i; j >= 0 && side == 2; j--) {
                            String inner = name(frames.get(j));
                            side = CLIENT.matcher(inner).find() ? 0 : SERVER.matcher(inner).find() ? 1 : 2;
                        }
                        break outer;
                    }
                }
            }
            counts.get(component)[side]++;
            total++;
        }
        System.out.printf(Locale.ROOT, "%d samples of the benchmark thread after warm-up%n%n", total);
        System.out.println("| component | client | server | neither | total" + (Double.isNaN(cpuMicros) ? "" : " | µs per handshake") + " |");
        System.out.println("|---|---:|---:|---:|---:" + (Double.isNaN(cpuMicros) ? "" : "|---:") + "|");
        int[] sums = new int[3];
        for (var c : counts.entrySet()) {
            int[] n = c.getValue();
            int sum = n[0] + n[1] + n[2];
            for (int i = 0; i < 3; i++) {
                sums[i] += n[i];
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s%s |%n", c.getKey(), pct(n[0], total), pct(n[1], total),
                    pct(n[2], total), pct(sum, total),
                    Double.isNaN(cpuMicros) ? "" : String.format(Locale.ROOT, " | %.0f", cpuMicros * sum / total));
        }
        System.out.printf(Locale.ROOT, "| all | %s | %s | %s | 100%%%s |%n", pct(sums[0], total), pct(sums[1], total),
                pct(sums[2], total), Double.isNaN(cpuMicros) ? "" : String.format(Locale.ROOT, " | %.0f", cpuMicros));
    }

    private static boolean isSample(RecordedEvent e) {
        return e.getEventType().getName().equals("jdk.ExecutionSample");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String pct(int n, int total) {
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total);
    }
}
