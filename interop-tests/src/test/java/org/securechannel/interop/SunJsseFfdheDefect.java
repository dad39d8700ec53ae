package org.securechannel.interop;

import org.securechannel.codec.NamedGroup;

/**
 * SunJSSE on JDK 25 drops the leading zero bytes of a TLS 1.3 FFDHE shared secret, which RFC 8446 §7.4.1 says
 * to keep (padded to the prime's length); JDK 17's SunJSSE keeps them, as we and OpenSSL do. About one FFDHE
 * handshake in 256 then fails with bad_record_mac whatever the peer does. Measured with ffdhe4096, our server and
 * SunJSSE's client: 2 failures in 600 on Temurin 25.0.3 (both SunJSSE "Tag mismatch"), none in 600 on 17.0.15.
 * Tests that run FFDHE against SunJSSE on a JDK after 17 try such a handshake up to three times (all three
 * failing by that chance: 1 in 16 million); any other failure, and any failure on JDK 17, fails at once.
 */
final class SunJsseFfdheDefect {
    interface Attempt {
        void run() throws Exception;
    }

    private SunJsseFfdheDefect() {
    }

    static void run(NamedGroup group, Attempt attempt) throws Exception {
        int attempts = group.isFiniteField() && Runtime.version().feature() > 17 ? 3 : 1;
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
