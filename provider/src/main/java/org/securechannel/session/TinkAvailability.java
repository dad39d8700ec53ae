package org.securechannel.session;

/**
 * Whether Google Tink is on the class path. The provider jar alone must work (an unchanged application with only
 * securechannel-provider.jar, as the README's demo runs it): without Tink a server has no default ticket keys and
 * issues no tickets, and every handshake is a full one. This class names no Tink type, so loading it never fails.
 */
public final class TinkAvailability {
    private static final boolean AVAILABLE = probe();

    private TinkAvailability() {
    }

    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            Class.forName("com.google.crypto.tink.Aead", false, TinkAvailability.class.getClassLoader());
            Class.forName("com.google.gson.JsonParser", false, TinkAvailability.class.getClassLoader());
            Class.forName("com.google.protobuf.ByteString", false, TinkAvailability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
