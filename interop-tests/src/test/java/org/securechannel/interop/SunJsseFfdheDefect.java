package org.securechannel.interop;

import org.securechannel.codec.NamedGroup;

/**
 * SunJSSE drops the leading zero bytes of a TLS 1.3 FFDHE shared secret (it asks for a "TlsPremasterSecret",
 * which strips them as TLS 1.2 wants), where RFC 8446 §7.4.1 says to keep them, padded to the prime's length, as we
 * and OpenSSL do. About one FFDHE handshake in 256 then fails with bad_record_mac whatever the peer does. This is
 * JDK-8328046, fixed in JDK 26 and present in 17 and 25: measured with ffdhe4096, our server and SunJSSE's client,
 * 2 failures in 600 on Temurin 25.0.3 (both SunJSSE "Tag mismatch"); CI then met one on 17 with ffdhe2048.
 * Tests that run FFDHE against SunJSSE try such a handshake up to three times (all three failing by that chance:
 * 1 in 16 million); any other failure fails at once, and so does a bad_record_mac with an elliptic-curve group.
 */
final class SunJsseFfdheDefect {
    interface Attempt {
        void run() throws Exception;
    }

    private SunJsseFfdheDefect() {
    }

    static void run(NamedGroup group, Attempt attempt) throws Exception {
        int attempts = group.isFiniteField() && Runtime.version().feature() < 26 ? 3 : 1;
        for (int i = 1; ; i++) {
            try {
                attempt.run();
                return;
            } catch (Exception | AssertionError e) {
                if (i >= attempts || !badRecordMac(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean badRecordMac(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("bad_record_mac") || m.contains("Tag mismatch")) {
                return true;
            }
        }
        return false;
    }
}
