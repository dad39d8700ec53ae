package org.securechannel;

import java.security.Provider;
import java.util.List;

/**
 * The SecureChannel security provider: add it with {@code security.provider.N=SecureChannel} (or the class
 * name) in java.security, or {@code Security.insertProviderAt(new SecureChannelProvider(), 1)}.
 */
public final class SecureChannelProvider extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "SecureChannel";

    public SecureChannelProvider() {
        super(NAME, "0.1", "SecureChannel: TLS 1.3 and 1.2 over an SSPI/Schannel-style security context "
                + "(SSLContext TLS, TLSv1.3, TLSv1.2, Default and SunJSSE's legacy names; Signature and Cipher SecurityContext)");
        String spi = "org.securechannel.jsse.SecureChannelContextSpi";
        // Every SSLContext name SunJSSE registers, so that no way of asking for TLS quietly falls back to SunJSSE.
        // "SSL" is SunJSSE's alias of "TLS". The legacy version names get the TLS 1.2 context, the oldest version we
        // speak: a client enables TLS 1.2 only (asking for TLSv1, SSLv3 or TLSv1.1 explicitly is refused with the
        // reason, see jsse.RefusedNames), a server accepts TLS 1.3 and 1.2.
        putService(new Service(this, "SSLContext", "TLS", spi, List.of("SSL"), null));
        putService(new Service(this, "SSLContext", "TLSv1.3", spi, null, null));
        putService(new Service(this, "SSLContext", "TLSv1.2", spi + "$Tls12", null, null));
        for (String legacy : List.of("TLSv1.1", "TLSv1", "SSLv3")) {
            putService(new Service(this, "SSLContext", legacy, spi + "$Tls12", null, null));
        }
        putService(new Service(this, "SSLContext", "Default", spi + "$Default", null, null));
        // Message support bound to an established context (MakeSignature/VerifySignature, Encrypt/DecryptMessage).
        putService(new Service(this, "Signature", "SecurityContext", "org.securechannel.jca.SecurityContextSignatureSpi", null, null));
        putService(new Service(this, "Cipher", "SecurityContext", "org.securechannel.jca.SecurityContextCipherSpi", null, null));
    }
}
