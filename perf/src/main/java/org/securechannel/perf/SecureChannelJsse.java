package org.securechannel.perf;

import java.security.Provider;

/** SecureChannel's JSSE provider, once the adapter is on this branch. */
final class SecureChannelJsse {
    private SecureChannelJsse() {
    }

    static Provider provider() {
        throw new NotApplicable("SecureChannel's SSLContext is not on this branch yet (org.securechannel.jsse)");
    }
}
