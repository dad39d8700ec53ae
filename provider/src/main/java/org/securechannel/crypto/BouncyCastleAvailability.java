package org.securechannel.crypto;

/**
 * Whether Bouncy Castle (bcprov) is on the class path. The provider jar alone must work (an unchanged app
 * with only securechannel-provider.jar), so the measured default falls back to the JDK without it. This
 * class names no Bouncy Castle type, so loading it never fails.
 */
final class BouncyCastleAvailability {
    private static final boolean AVAILABLE = probe();

    private BouncyCastleAvailability() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            Class.forName("org.bouncycastle.math.ec.rfc7748.X25519", false,
                    BouncyCastleAvailability.class.getClassLoader());
            Class.forName("org.bouncycastle.crypto.signers.Ed25519Signer", false,
                    BouncyCastleAvailability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
