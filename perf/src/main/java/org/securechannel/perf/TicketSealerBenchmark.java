package org.securechannel.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.session.SessionState;
import org.securechannel.session.SessionTickets;
import org.securechannel.session.TinkTicketSealer;

/**
 * What a ticket costs a server: {@code issue} (encode the session state, seal it with the Tink keyset's primary
 * key) and {@code redeem} (open with the keyset, decode, check expiry), in ns per ticket. {@code chain} is the
 * peer chain carried: none (no client auth) or a 1 KiB client certificate. No other JVM provider exposes its
 * ticket sealing, so there is no peer column; the resumed-handshake benchmark is where peers meet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TicketSealerBenchmark {
    @Param({"0", "1024"})
    public int chain;

    private SessionTickets tickets;
    private SessionState state;
    private byte[] ticket;
    private long now;

    @Setup
    public void setUp() {
        tickets = new SessionTickets(TinkTicketSealer.inMemory());
        now = System.currentTimeMillis();
        state = new SessionState(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, null, null,
                now, 7200, 0x12345678L, 0, new byte[32], "localhost", "h2",
                chain == 0 ? List.of() : List.of(new byte[chain]));
        ticket = tickets.issue(state).orElseThrow();
        if (!state.equals(tickets.redeem(ticket, now).orElseThrow())) {
            throw new IllegalStateException("a ticket must redeem to its state");
        }
    }

    @Benchmark
    public byte[] issue() {
        return tickets.issue(state).orElseThrow();
    }

    @Benchmark
    public SessionState redeem() {
        return tickets.redeem(ticket, now).orElseThrow();
    }
}
