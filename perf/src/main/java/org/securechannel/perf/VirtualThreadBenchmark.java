package org.securechannel.perf;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * One connection the way a thread-per-connection server runs it (Jetty 12, Tomcat, Helidon, Spring Boot with
 * virtual threads): a new virtual thread per connection, against the same work on one pooled platform thread.
 * One operation: on that thread, both engines made, full TLS 1.3 handshake (the headline variant), then
 * {@link #records} writes of {@link #size} bytes each way, close_notify both ways; the benchmark thread waits
 * for it. On the pooled thread every per-thread cache (record Ciphers, GHASH tables, Macs) is warm; on a new
 * virtual thread it starts empty, so {@code -prof gc}'s B/op shows what such caches cost per connection.
 * (Virtual threads allocate on their carrier, a long-lived pool thread, so JMH's allocation counter sees it.)
 * Virtual threads are started through {@code Executors.newVirtualThreadPerTaskExecutor} found by reflection:
 * the build targets Java 17; before JDK 21 the virtual mode fails set-up as not applicable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VirtualThreadBenchmark {
    @Param({"SunJSSE", "BCJSSE", "Conscrypt", "SecureChannel"})
    public String provider;

    /** {@code platformPool}: one platform thread runs every connection; {@code virtual}: a new virtual thread each. */
    @Param({"platformPool", "virtual"})
    public String threads;

    @Param({"16384"})
    public int size;

    @Param({"4"})
    public int records;

    private Handshakes handshakes;
    private EnginePair.Buffers buffers;
    private ByteBuffer data;
    private ExecutorService executor;

    @Setup
    public void setUp() throws Exception {
        Handshakes.Variant v = Handshakes.Variant.ECDSA_P256_X25519;
        handshakes = new Handshakes(provider, v, v.defaultSuite(), false);
        buffers = handshakes.newBuffers(size);
        handshakes.verify(buffers, 3);
        data = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            data.put(i, (byte) i);
        }
        executor = "virtual".equals(threads) ? newVirtualThreadPerTaskExecutor() : Executors.newSingleThreadExecutor();
        // The work arrives intact on the executor's threads too.
        if (connection() != 2L * records * size) {
            throw new IllegalStateException(provider + ": fewer bytes arrived than were sent");
        }
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    @Benchmark
    public long connection() throws Exception {
        Future<Long> f = executor.submit(this::oneConnection);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private long oneConnection() throws Exception {
        EnginePair pair = handshakes.newPair(buffers);
        pair.handshake();
        long received = 0;
        for (int i = 0; i < records; i++) {
            data.clear();
            received += pair.send(true, data);
            data.clear();
            received += pair.send(false, data);
        }
        pair.close();
        return received;
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            throw new NotApplicable("virtual threads need JDK 21+, this is " + Runtime.version());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start virtual threads", e);
        }
    }
}
