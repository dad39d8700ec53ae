package org.securechannel.interop.matrix;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Peers that are programs on the machine: their version line, or why they cannot take part. */
final class Tools {
    private Tools() {
    }

    /** The first line {@code command} prints, or null when it cannot be run. */
    static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return p.exitValue() == 0 ? out.trim() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether a network namespace with only loopback can be made here (root, or CAP_SYS_ADMIN). */
    static boolean canUnshareNetwork() {
        return firstLine("unshare", "-n", "echo", "yes") != null;
    }

    /**
     * A program the matrix needs is missing: on a developer machine its cells are skipped with this reason; in CI
     * ({@code CI=true}) that is a failure, since .ci/run installs every peer.
     */
    static String missing(String what) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is missing in CI: .ci/run must install it");
        }
        return what + " is not installed here (.ci/run installs it)";
    }
}
