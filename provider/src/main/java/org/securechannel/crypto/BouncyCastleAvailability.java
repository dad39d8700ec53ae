package org.securechannel.crypto;

/**
 * Whether Bouncy Castle (bcprov) is on the class path. The provider jar alone must work (an unchanged app
 * with only securechannel-provider.jar), so the measured default falls back to the JDK without it. This
 * class names no Bouncy Castle type, so loading it never fails.
 */
final class BouncyCastleAvailability {
    private static final boolean AVAILABLE = probe("org.bouncycastle.math.ec.rfc7748.X25519",
            "org.bouncycastle.crypto.signers.Ed25519Signer");
    /** ML-KEM's lightweight API arrived in bcprov 1.79; an older bcprov on the class path has none. */
    private static final boolean ML_KEM = AVAILABLE && probe("org.bouncycastle.crypto.kems.MLKEMGenerator",
            "org.bouncycastle.crypto.params.MLKEMParameters");

    private BouncyCastleAvailability() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /** Whether BouncyCastleMlKem can run. */
    static boolean mlKem() {
        return ML_KEM;
    }

    private static boolean probe(String... classNames) {
        try {
            for (String name : classNames) {
                Class.forName(name, false, BouncyCastleAvailability.class.getClassLoader());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
