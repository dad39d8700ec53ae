package org.securechannel.jsse;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import javax.net.ssl.SSLParameters;

/**
 * {@code SSLParameters.getNamedGroups()/setNamedGroups(String[])}, JDK 20+ (JDK-8281236). The build targets
 * --release 17, which has neither, so they are looked up once by method handle; on JDK 17-19 there is nothing
 * an application could have set, and reading gives null (the context's groups, from jdk.tls.namedGroups).
 */
final class NamedGroupsParameter {
    private static final MethodHandle GET = find("getNamedGroups", MethodType.methodType(String[].class));
    private static final MethodHandle SET = find("setNamedGroups", MethodType.methodType(void.class, String[].class));

    private NamedGroupsParameter() {
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(SSLParameters.class, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** The groups an application set, in its order; null when it set none or the JDK has no such setting. */
    static String[] get(SSLParameters p) {
        if (GET == null) {
            return null;
        }
        try {
            return (String[]) GET.invokeExact(p);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Reports {@code names} where the JDK has the setting; a no-op on JDK 17-19. */
    static void set(SSLParameters p, String[] names) {
        if (SET == null) {
            return;
        }
        try {
            SET.invokeExact(p, names);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
