package org.securechannel.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every java.util.logging record under a logger name, formatted, from construction until {@link #close}. */
final class JulCapture extends Handler implements AutoCloseable {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger;
    private final Level levelBefore;

    JulCapture(String name) {
        logger = Logger.getLogger(name);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String message = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, r.getParameters());
        }
        lines.add(r.getLevel() + " " + r.getLoggerName() + " " + message + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
