package org.securechannel.context;

import java.nio.file.Path;
import java.security.Security;

/**
 * Where key logging is configured outside code: the security property {@value #FILE_PROPERTY} (a system property
 * of the same name when the security property is unset), else the environment variable SSLKEYLOGFILE, but only
 * when the security property {@value #ALLOW_ENVIRONMENT_PROPERTY} is {@code true}: an environment variable is
 * too easily inherited by a process that never meant to log its secrets.
 */
final class KeyLogSettings {
    static final String FILE_PROPERTY = "org.securechannel.keyLogFile";
    static final String ALLOW_ENVIRONMENT_PROPERTY = "org.securechannel.keyLog.allowEnvironment";
    static final String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    private KeyLogSettings() {
    }

    /** The key log the configuration asks for, or null for none. Read each time: properties may change. */
    static KeyLog configured() {
        return configured(System::getenv);
    }

    /** As {@link #configured()}, with the environment read through {@code environment}. */
    static KeyLog configured(java.util.function.UnaryOperator<String> environment) {
        String file = nonEmpty(Security.getProperty(FILE_PROPERTY));
        if (file == null) {
            file = nonEmpty(System.getProperty(FILE_PROPERTY));
        }
        if (file == null && "true".equalsIgnoreCase(Security.getProperty(ALLOW_ENVIRONMENT_PROPERTY))) {
            file = nonEmpty(environment.apply(ENVIRONMENT_VARIABLE));
        }
        return file == null ? null : KeyLogFile.of(Path.of(file));
    }

    private static final java.util.concurrent.atomic.AtomicBoolean CALLBACK_ANNOUNCED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Warns once per process that a key log given in code is on (a file warns once per path by itself). */
    static void announce(KeyLog keyLog) {
        if (!(keyLog instanceof KeyLogFile) && CALLBACK_ANNOUNCED.compareAndSet(false, true)) {
            DebugLog.CONTEXT.log(System.Logger.Level.WARNING, "TLS key logging is on: a KeyLog given in code ("
                    + keyLog.getClass().getName() + ") receives the secrets of every connection built with it");
        }
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
