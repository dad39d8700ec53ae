package org.securechannel.perf;

import java.security.Provider;
import org.securechannel.SecureChannelProvider;

/** SecureChannel's JSSE provider, an instance like the others (not registered in java.security). */
final class SecureChannelJsse {
    private SecureChannelJsse() {
    }

    static Provider provider() {
        return new SecureChannelProvider();
    }
}
