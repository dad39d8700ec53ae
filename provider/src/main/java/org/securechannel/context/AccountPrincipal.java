package org.securechannel.context;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The account a client certificate maps to, by name (what Schannel's certificate mapping yields as a
 * Windows account). Mappers put it in the {@link Subject} they return; applications look for it there.
 */
public record AccountPrincipal(String name) implements Principal {
    public AccountPrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }

    /** A read-only Subject holding just this account, for mapper tables keyed to account names. */
    public static Subject subjectOf(String name) {
        Subject s = new Subject(true, Set.of(new AccountPrincipal(name)), Set.of(), Set.of());
        return s;
    }
}
