/** SecureChannel: a TLS 1.3 provider over an SSPI/Schannel-style security context engine. */
module org.securechannel {
    // Bouncy Castle's lightweight API, used only by crypto/BouncyCastle*.java. Optional: the measured default
    // takes x25519, P-256, ECDSA P-256 and Ed25519 from it when bcprov is present, the JDK otherwise.
    requires static org.bouncycastle.provider;
    // Google Tink seals session tickets (session/Tink*.java only); its keyset JSON parser needs Gson, a named module
    // that an automatic module such as Tink does not pull into the module graph by itself. Optional like Bouncy
    // Castle: without Tink a server issues no tickets by default (session/TinkAvailability).
    requires static com.google.crypto.tink;
    requires static com.google.gson;
    // The JFR events of context/ (org.securechannel.Handshake and friends), disabled unless a recording asks.
    requires jdk.jfr;

    exports org.securechannel;
    exports org.securechannel.codec;
    exports org.securechannel.context;
    exports org.securechannel.crypto;
    exports org.securechannel.handshake;
    exports org.securechannel.jca;
    exports org.securechannel.jsse;
    exports org.securechannel.record;
    exports org.securechannel.session;

    provides java.security.Provider with org.securechannel.SecureChannelProvider;
}
