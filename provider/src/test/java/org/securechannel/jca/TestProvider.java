package org.securechannel.jca;

import java.security.Provider;

/**
 * Registers the jca services the way SecureChannelProvider will ("SecurityContext" for Signature and
 * Cipher), so these tests go through the real JCA lookup without depending on the provider class.
 */
final class TestProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final TestProvider INSTANCE = new TestProvider();

    private TestProvider() {
        super("SecureChannelJcaTest", "1", "test registration of the SecurityContext services");
        put("Signature.SecurityContext", SecurityContextSignatureSpi.class.getName());
        put("Cipher.SecurityContext", SecurityContextCipherSpi.class.getName());
    }
}
