package org.securechannel.context;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.security.auth.Subject;

/** What code sees as the current Subject: Subject.current() where the JDK has it (18+), else the ACC form. */
final class CurrentSubject {
    private CurrentSubject() {
    }

    @SuppressWarnings("removal")
    static Subject get() {
        Method current;
        try {
            current = Subject.class.getMethod("current");
        } catch (NoSuchMethodException e) {
            return Subject.getSubject(java.security.AccessController.getContext());
        }
        try {
            return (Subject) current.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }
}
