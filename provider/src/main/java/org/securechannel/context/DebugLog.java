package org.securechannel.context;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * SecureChannel's loggers: {@code System.Logger}s named after the package whose work they describe, so
 * applications route them to java.util.logging, SLF4J or Log4j as they do the JDK's. DEBUG shows handshake
 * messages with their fields, the negotiated parameters and alerts with their cause; TRACE adds the headers
 * of handshake-time records. Never a secret, a key or application data.
 *
 * <p>{@code -Djavax.net.debug=ssl} (or {@code ssl:handshake}, {@code all}) writes them to standard error
 * instead, as SunJSSE users expect; {@code ssl:record} or {@code all} adds TRACE. Read once, as SunJSSE does.
 */
final class DebugLog {
    static final String DEBUG_PROPERTY = "javax.net.debug";

    /** Key log warnings, negotiated parameters, alerts, JFR-independent connection facts. */
    static final Logger CONTEXT = logger("org.securechannel.context");
    /** Each handshake message sent and received, with its decoded fields. */
    static final Logger HANDSHAKE = logger("org.securechannel.handshake");
    /** Record headers (TRACE). */
    static final Logger RECORD = logger("org.securechannel.record");

    private DebugLog() {
    }

    static Logger logger(String name) {
        Level stderr = standardErrorLevel(System.getProperty(DEBUG_PROPERTY));
        return stderr == null ? System.getLogger(name) : new StandardErrorLogger(name, stderr);
    }

    /** The level {@code javax.net.debug} asks for, or null when it does not name SSL at all. */
    static Level standardErrorLevel(String setting) {
        if (setting == null) {
            return null;
        }
        String s = setting.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("all")) {
            return Level.TRACE;
        }
        if (!s.contains("ssl")) {
            return null;
        }
        return s.contains("record") ? Level.TRACE : Level.DEBUG;
    }
}
