package org.securechannel.jca;

import org.securechannel.context.SecurityContext;

/**
 * Anything that carries an engine {@link SecurityContext}: the SecureChannel provider's SSLEngine, SSLSocket
 * and SSLSession implement it, so {@link SecurityContextKey#of} accepts them without reflection and
 * without this package knowing javax.net.ssl.
 */
public interface SecurityContextHolder {
    /** The context behind this object, or null when it has none (yet). */
    SecurityContext securityContext();
}
