package org.securechannel.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a test computation on a fresh thread. Record AEADs share one JCA Cipher per thread, and the JDK
 * refuses to encrypt twice under one key and nonce on the same Cipher: a test that deliberately repeats a
 * key and nonce to compute an independent reference ciphertext does so here, while production keeps the
 * guard.
 */
public final class OtherThread {
    private OtherThread() {
    }

    public static <T> T call(Callable<T> work) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            throw new AssertionError("reference computation did not finish", e);
        } finally {
            executor.shutdownNow();
        }
    }
}
