package org.securechannel.context;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ResourceBundle;

/**
 * The logger behind {@code -Djavax.net.debug=ssl}: one line per message on standard error, with time, thread and
 * logger name, at {@code threshold} and above. Written whole with one {@code println} so threads do not interleave.
 */
final class StandardErrorLogger implements System.Logger {
    private final String name;
    private final Level threshold;
    /** Where lines go; null for whatever System.err is at the time (an application may replace it). */
    private final PrintStream target;

    StandardErrorLogger(String name, Level threshold) {
        this(name, threshold, null);
    }

    StandardErrorLogger(String name, Level threshold, PrintStream target) {
        this.name = name;
        this.threshold = threshold;
        this.target = target;
    }

    private PrintStream out() {
        return target != null ? target : System.err;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        out().println(prefix(level) + msg + (thrown == null ? "" : " (" + thrown + ")"));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (!isLoggable(level)) {
            return;
        }
        String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
        out().println(prefix(level) + msg);
    }

    private String prefix(Level level) {
        return "javax.net.ssl|" + level.getName() + "|" + Thread.currentThread().getName() + "|" + Instant.now() + "|"
                + name + "| ";
    }
}
