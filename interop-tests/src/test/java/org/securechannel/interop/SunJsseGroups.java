package org.securechannel.interop;

import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.securechannel.codec.NamedGroup;

/**
 * Which named groups this JDK's SunJSSE has: every classical one we have, and the hybrids only from JDK 27
 * (JEP 527). Asked of SunJSSE itself (SSLParameters.getNamedGroups, JDK 20+), so a test runs a hybrid with
 * SunJSSE exactly where it exists and is skipped, saying why, elsewhere.
 */
final class SunJsseGroups {
    private SunJsseGroups() {
    }

    static boolean has(NamedGroup group) {
        if (!group.isHybrid()) {
            return true;
        }
        try {
            java.lang.reflect.Method getNamedGroups = SSLParameters.class.getMethod("getNamedGroups");
            SSLContext sun = SSLContext.getInstance("TLSv1.3", "SunJSSE");
            sun.init(null, null, null);
            String[] names = (String[]) getNamedGroups.invoke(sun.getSupportedSSLParameters());
            return names != null && Arrays.stream(names).anyMatch(group.ianaName()::equalsIgnoreCase);
        } catch (NoSuchMethodException e) {
            return false; // JDK 17-19: no way to ask, and no hybrid either
        } catch (ReflectiveOperationException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String why(NamedGroup group) {
        return "SunJSSE of JDK " + Runtime.version().feature() + " has no " + group.ianaName() + " (JDK 27+, JEP 527)";
    }
}
