package org.securechannel.fuzz;

import java.nio.ByteBuffer;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.Pipe;

/**
 * Feeds peer bytes to a context the way an application does, with every loop bounded: at most
 * {@link #MAX_CALLS} step and {@link #MAX_CALLS} decrypt calls per feed, so no input can hang a target.
 */
final class Drive {
    static final int MAX_CALLS = 64;
    private static final int OUT = 64 * 1024;

    private Drive() {
    }

    /**
     * Steps {@code ctx} over {@code in} (whatever it does not consume stays there); what it writes goes to
     * {@code out} when not null. Delivers at most {@code chunk} more bytes per call when {@code chunk > 0},
     * to reach the INCOMPLETE_MESSAGE paths. Returns whether the context is established.
     */
    static boolean step(SecurityContext ctx, Pipe in, Pipe out, int chunk) throws SecurityContextException {
        byte[] all = in.drain();
        int offered = chunk > 0 ? Math.min(chunk, all.length) : all.length;
        int pos = 0;
        for (int i = 0; i < MAX_CALLS; i++) {
            ByteBuffer src = ByteBuffer.wrap(all, pos, offered - pos);
            ByteBuffer dst = ByteBuffer.allocate(OUT);
            Result r = ctx.step(src, dst);
            pos = src.position();
            if (out != null) {
                dst.flip();
                out.write(dst);
            }
            if (r.status() == Status.OK) {
                break;
            }
            if (r.status() == Status.INCOMPLETE_MESSAGE || (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                    && r.status() == Status.CONTINUE_NEEDED && !r.outputPending())) {
                if (offered == all.length) {
                    break;
                }
                offered = chunk > 0 ? Math.min(all.length, offered + chunk) : all.length;
            }
            // INCOMPLETE_CREDENTIALS: calling again goes on without a certificate.
        }
        in.write(ByteBuffer.wrap(all, pos, all.length - pos));
        return ctx.isEstablished();
    }

    /** Decrypts what {@code in} holds, taking post-handshake messages with step when told to; returns the plaintext bytes. */
    static int decrypt(SecurityContext ctx, Pipe in, Pipe out) throws SecurityContextException {
        int plaintext = 0;
        for (int i = 0; i < MAX_CALLS && in.available() > 0; i++) {
            ByteBuffer src = in.view();
            ByteBuffer plain = ByteBuffer.allocate(OUT);
            Result r = ctx.decrypt(src, plain);
            in.consumed(src);
            plaintext += r.bytesProduced();
            if (r.status() == Status.RENEGOTIATE) {
                ByteBuffer dst = ByteBuffer.allocate(OUT);
                ctx.step(ByteBuffer.allocate(0), dst);
                if (out != null) {
                    dst.flip();
                    out.write(dst);
                }
            } else if (r.status() != Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        return plaintext;
    }
}
