package org.securechannel.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code --trace}: SecureChannel's debug log (System.Logger, which the JDK routes to java.util.logging) at DEBUG,
 * printed one message a line on the command's standard error. The provider decides what is said (messages and
 * their fields, negotiated parameters, alerts, never a secret); this only shows it.
 */
final class TraceOutput extends Handler implements AutoCloseable {
    private static final String LOGGER = "org.securechannel";
    private final Logger logger = Logger.getLogger(LOGGER);
    private final Level levelBefore = logger.getLevel();
    private final PrintStream err;

    private TraceOutput(PrintStream err) {
        this.err = err;
    }

    static TraceOutput start(PrintStream err) {
        TraceOutput t = new TraceOutput(err);
        t.logger.setLevel(Level.FINE); // System.Logger's DEBUG
        t.logger.addHandler(t);
        return t;
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() < Level.FINE.intValue()) {
            return;
        }
        String message = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, r.getParameters());
        }
        synchronized (err) {
            err.println("  " + message);
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
