package org.securechannel.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer program (curl, openssl, keytool) run to completion with a bounded wait; its output from files, so it never blocks on a full pipe. */
final class ForeignProcess {
    private static final long WAIT_SECONDS = 30;

    record Result(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private ForeignProcess() {
    }

    /** Whether {@code command} is on the PATH. */
    static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static Result run(Path dir, String input, List<String> command) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), input, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException(command.get(0) + " did not finish in " + WAIT_SECONDS + " s: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
