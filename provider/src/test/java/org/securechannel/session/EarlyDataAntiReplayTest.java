package org.securechannel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 0-RTT anti-replay: the strike register (RFC 8446 §8.2) and the ticket-age freshness window (§8.3). */
class EarlyDataAntiReplayTest {
    private static byte[] binder(int i) {
        byte[] b = new byte[32];
        b[0] = (byte) i;
        b[1] = (byte) (i >> 8);
        return b;
    }

    @Test
    void aBinderIsAcceptedOnceWithinItsWindow() {
        StrikeRegister register = new StrikeRegister(100, Duration.ofSeconds(10));
        assertTrue(register.firstUse(binder(1), 0));
        assertFalse(register.firstUse(binder(1), 9_999), "a replay");
        assertTrue(register.firstUse(binder(2), 9_999));
        assertTrue(register.firstUse(binder(1), 10_000), "forgotten once its window ended (freshness refuses it then)");
        assertEquals(2, register.size());
    }

    @Test
    void aFullRegisterRefusesRatherThanForgets() {
        StrikeRegister register = new StrikeRegister(2, Duration.ofSeconds(10));
        assertTrue(register.firstUse(binder(1), 0));
        assertTrue(register.firstUse(binder(2), 0));
        assertFalse(register.firstUse(binder(3), 1), "full: 0-RTT refused, never accepted blindly");
        assertFalse(register.firstUse(binder(1), 2), "and the old ones are still remembered");
        assertTrue(register.firstUse(binder(3), 10_000), "room again once windows end");
        assertFalse(EarlyDataReplayGuard.REFUSE_ALL.firstUse(binder(9), 0));
    }

    @Test
    void concurrentReplaysGetOneAcceptanceOnly() throws Exception {
        StrikeRegister register = new StrikeRegister(10_000, Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> racers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                racers.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < 1_000; i++) {
                        accepted += register.firstUse(binder(i), 5) ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            int total = 0;
            for (Future<Integer> f : racers) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(1_000, total, "each of 1000 binders accepted exactly once over 4 racing threads");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void freshnessComparesExpectedAndActualArrival() {
        TicketAgeWindow window = new TicketAgeWindow(Duration.ofSeconds(10));
        SessionState issued = SessionStateTest.tls13(100_000, 3600); // ticket_age_add 0xFEDCBA98
        long ageAdd = issued.ageAdd();
        long obfuscated30s = (30_000 + ageAdd) & 0xFFFFFFFFL;
        assertTrue(window.fresh(issued, obfuscated30s, 130_000), "arrives when its age says");
        assertTrue(window.fresh(issued, obfuscated30s, 140_000));
        assertTrue(window.fresh(issued, obfuscated30s, 120_000));
        assertFalse(window.fresh(issued, obfuscated30s, 140_001), "a replay 10 s later");
        assertFalse(window.fresh(issued, obfuscated30s, 119_999), "an age from the future");
        long beyondLifetime = (3_600_001L + ageAdd) & 0xFFFFFFFFL;
        assertFalse(window.fresh(issued, beyondLifetime, 100_000 + 3_600_001L), "older than the ticket's lifetime");
        assertFalse(window.fresh(issued, 30_000, 130_000), "an age not obfuscated with our ticket_age_add");
    }
}
