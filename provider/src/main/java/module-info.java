/** SecureChannel: a TLS 1.3 provider over an SSPI/Schannel-style security context engine. */
module org.securechannel {
    // Bouncy Castle's lightweight API, used only by crypto/BouncyCastle*.java (the optional backend).
    requires static org.bouncycastle.provider;

    exports org.securechannel;
    exports org.securechannel.codec;
    exports org.securechannel.context;
    exports org.securechannel.crypto;
    exports org.securechannel.handshake;
    exports org.securechannel.jca;
    exports org.securechannel.jsse;
    exports org.securechannel.record;

    provides java.security.Provider with org.securechannel.SecureChannelProvider;
}
