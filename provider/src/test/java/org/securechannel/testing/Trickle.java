package org.securechannel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * Drives a context through the token API the strict way, asserting Schannel's rules on every call:
 * byte-at-a-time delivery with exact INCOMPLETE_MESSAGE hints, or small output buffers drained while
 * {@code outputPending()}. Every loop is bounded.
 */
public final class Trickle {
    /** What one context did with a flight: the bytes it wrote and the statuses of its calls. */
    public record Delivery(byte[] output, List<Status> statuses, Result last) {
    }

    private Trickle() {
    }

    /**
     * Gives {@code flight} to {@code side} one more byte per call. While a record is incomplete the call must
     * say INCOMPLETE_MESSAGE, consume and produce nothing, and hint exactly 5 - available before the header is
     * there and the rest of the record after. INCOMPLETE_CREDENTIALS is answered by stepping again.
     */
    public static Delivery bytewise(SecurityContext side, byte[] flight) throws SecurityContextException {
        ByteArrayOutputStream produced = new ByteArrayOutputStream();
        List<Status> statuses = new ArrayList<>();
        int consumed = 0;
        int visible = 0;
        Result r = null;
        for (int guard = 0; guard < 4 * flight.length + 100; guard++) {
            ByteBuffer in = ByteBuffer.wrap(flight, consumed, visible - consumed);
            ByteBuffer out = ByteBuffer.allocate(32 * 1024);
            r = side.step(in, out);
            statuses.add(r.status());
            int have = visible - consumed;
            if (r.status() == Status.INCOMPLETE_MESSAGE) {
                assertEquals(consumed, in.position(), "INCOMPLETE_MESSAGE must leave in untouched");
                assertEquals(0, out.position(), "INCOMPLETE_MESSAGE must write nothing");
                assertEquals(0, r.bytesConsumed());
                int expected = have < 5 ? 5 - have : Records.recordLength(flight, consumed) - have;
                assertEquals(expected, r.missing(), "missing() with " + have + " of the record at " + consumed);
                assertTrue(visible < flight.length, "INCOMPLETE_MESSAGE although the whole flight was given");
                visible++;
                continue;
            }
            assertEquals(in.position() - consumed, r.bytesConsumed());
            assertEquals(out.position(), r.bytesProduced());
            consumed = in.position();
            produced.write(out.array(), 0, out.position());
            if (r.status() == Status.INCOMPLETE_CREDENTIALS || r.outputPending()) {
                continue;
            }
            if (r.status() == Status.OK) {
                break;
            }
            assertEquals(Status.CONTINUE_NEEDED, r.status(), r.toString());
            if (consumed == flight.length) {
                break;
            }
        }
        assertEquals(flight.length, consumed, "the whole flight must be consumed");
        return new Delivery(produced.toByteArray(), statuses, r);
    }

    /**
     * One step with the whole of {@code in} and an output buffer of {@code outSize}: while the result says
     * output is pending, steps again at once with what is left of {@code in}. Every record written must fit the
     * buffer. INCOMPLETE_CREDENTIALS is answered by stepping again. Returns everything written; {@code in}'s position says what was consumed.
     */
    public static Delivery smallOutput(SecurityContext side, ByteBuffer in, int outSize) throws SecurityContextException {
        ByteArrayOutputStream produced = new ByteArrayOutputStream();
        List<Status> statuses = new ArrayList<>();
        Result r = null;
        for (int guard = 0; guard < 1000; guard++) {
            ByteBuffer out = ByteBuffer.allocate(outSize);
            r = side.step(in, out);
            statuses.add(r.status());
            produced.write(out.array(), 0, out.position());
            for (Records.Rec rec : Records.split(java.util.Arrays.copyOf(out.array(), out.position()))) {
                assertTrue(rec.length() <= outSize);
            }
            if (r.outputPending()) {
                assertEquals(Status.CONTINUE_NEEDED, r.status(), "output pending must say CONTINUE_NEEDED");
                assertTrue(r.bytesProduced() > 0, "output pending yet nothing written into " + outSize + " bytes");
                continue;
            }
            if (r.status() == Status.INCOMPLETE_CREDENTIALS) {
                continue; // go on without a certificate
            }
            if (r.status() == Status.CONTINUE_NEEDED && in.hasRemaining() && r.bytesConsumed() > 0) {
                continue;
            }
            break;
        }
        return new Delivery(produced.toByteArray(), statuses, r);
    }
}
