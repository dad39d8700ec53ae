package org.securechannel.perf;

import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing costs, through the token API: EngineApiBenchmark's SecurityContext handshake (ECDSA P-256,
 * x25519, AES-128-GCM) and 16 KiB writes, in three modes: {@code off} as shipped (every JFR event disabled, the
 * loggers at java.util.logging's INFO); {@code jfrHandshake} with a flight recording that enables
 * org.securechannel.Handshake; {@code discardingLogger} with every org.securechannel logger at ALL into a handler
 * that drops what it gets (the cost of composing the DEBUG and TRACE lines). The record path emits nothing, so
 * bulk should not move in any mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ObservabilityBenchmark {
    @Param({"off", "jfrHandshake", "discardingLogger"})
    public String observe;

    /** Today's headline measurement, unchanged: the figures of the off mode compare with its own. */
    private final EngineApiBenchmark headline = new EngineApiBenchmark();
    private Recording recording;
    private Logger logger;
    private Handler discard;
    private final java.util.concurrent.atomic.AtomicLong discarded = new java.util.concurrent.atomic.AtomicLong();

    @Setup
    public void setUp() throws Exception {
        switch (observe) {
            case "off" -> { }
            case "jfrHandshake" -> {
                recording = new Recording();
                recording.enable("org.securechannel.Handshake");
                recording.start();
            }
            case "discardingLogger" -> {
                logger = Logger.getLogger("org.securechannel");
                logger.setLevel(Level.ALL);
                logger.setUseParentHandlers(false);
                discard = new Handler() {
                    @Override
                    public void publish(LogRecord r) {
                        discarded.incrementAndGet(); // counted, then dropped
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                };
                logger.addHandler(discard);
            }
            default -> throw new IllegalArgumentException("observe=" + observe);
        }
        headline.api = "SecurityContext";
        headline.size = 16 * 1024;
        headline.setUp();
        // The mode is what it claims: the event enabled, the logger given lines by the set-up's handshakes.
        boolean eventOn = jdk.jfr.FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .anyMatch(t -> t.getName().equals("org.securechannel.Handshake") && t.isEnabled());
        if (eventOn != observe.equals("jfrHandshake") || (discarded.get() > 0) != observe.equals("discardingLogger")) {
            throw new IllegalStateException(observe + ": Handshake event enabled=" + eventOn + ", lines logged="
                    + discarded.get());
        }
    }

    @TearDown
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
        if (discard != null) {
            logger.removeHandler(discard);
            logger.setUseParentHandlers(true);
            logger.setLevel(null);
        }
    }

    /** Create both sides, handshake, one byte each way, close_notify both ways (as EngineApiBenchmark). */
    @Benchmark
    public Object fullHandshake() throws Exception {
        return headline.fullHandshake();
    }

    /** One 16 KiB write, encrypted and decrypted. */
    @Benchmark
    public int bulk() throws Exception {
        return headline.bulk();
    }
}
