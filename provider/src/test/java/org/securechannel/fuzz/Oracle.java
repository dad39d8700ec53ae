package org.securechannel.fuzz;

import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContextException;

/**
 * What a fuzz target accepts. Bad peer input must end in the layer's typed exception (AlertException below the
 * public API, SecurityContextException from the engine) with a protocol alert; an internal_error for input we
 * merely received is a bug (we blamed ourselves for the peer's bytes), and any other Throwable escapes the
 * target and is a finding.
 */
final class Oracle {
    private Oracle() {
    }

    /** Code that parses peer bytes below the public API. */
    interface CodecCall {
        void run() throws AlertException;
    }

    /** Code that drives a security context. */
    interface EngineCall {
        void run() throws SecurityContextException;
    }

    static void codec(CodecCall call) {
        try {
            call.run();
        } catch (AlertException e) {
            expectProtocolAlert(e);
        }
    }

    static void engine(EngineCall call) {
        try {
            call.run();
        } catch (SecurityContextException e) {
            expectProtocolAlert(e);
        }
    }

    static void expectProtocolAlert(AlertException e) {
        if (e.alert() == null || e.alert() == AlertDescription.INTERNAL_ERROR) {
            throw new AssertionError("input caused " + e.alert() + ": " + e.getMessage(), e);
        }
    }

    static void expectProtocolAlert(SecurityContextException e) {
        if (e.reason() == Reason.INTERNAL_ERROR || e.reason() == Reason.INVALID_STATE) {
            // INVALID_STATE here means the driver misused the API after a failure it swallowed: also a bug.
            throw new AssertionError("input caused " + e.reason() + ": " + e.getMessage(), e);
        }
    }
}
