package org.securechannel.cli;

import java.io.IOException;
import org.securechannel.context.SecurityContextException;

/** The security context refused to go on (an alert we sent or received); keeps the context's reason. */
final class TlsFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    TlsFailureException(SecurityContextException cause) {
        super("TLS failure (" + cause.reason() + "): " + cause.getMessage(), cause);
    }

    SecurityContextException contextException() {
        return (SecurityContextException) getCause();
    }
}
