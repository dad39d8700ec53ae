package org.securechannel.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import javax.security.auth.Subject;

/**
 * Runs code as a Subject so that what it calls finds that Subject as the current one: {@code Subject.callAs}
 * where the JDK has it (18+, paired with {@code Subject.current()}; on 23+ the only form that still works
 * without a security manager), otherwise {@code Subject.doAs} (Java 17, seen through
 * {@code Subject.getSubject(AccessController.getContext())}). Chosen once at class load, by lookup, so the
 * code compiles with {@code --release 17}. Both scope the Subject to the call on this thread: it reverts
 * afterwards, also on exceptions, nests, and never leaks to other threads.
 */
final class Impersonation {
    private static final MethodHandle CALL_AS = findCallAs();

    private Impersonation() {
    }

    private static MethodHandle findCallAs() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "callAs",
                    MethodType.methodType(Object.class, Subject.class, Callable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** The action's result, or exactly the exception it threw. */
    static <T> T run(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        if (CALL_AS != null) {
            return callAs(subject, action);
        }
        return doAs(subject, action);
    }

    @SuppressWarnings("unchecked")
    private static <T> T callAs(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        Callable<T> callable = action::run;
        try {
            return (T) CALL_AS.invoke(subject, callable);
        } catch (CompletionException e) {
            // callAs wraps whatever the action threw; hand back the action's own exception.
            throw unwrap(e.getCause() == null ? e : e.getCause());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @SuppressWarnings("removal")
    private static <T> T doAs(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
        try {
            return Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    private static Exception unwrap(Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        return t instanceof Exception ? (Exception) t : new IllegalStateException(t);
    }
}
