package org.securechannel.perf;

import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.conscrypt.Conscrypt;

/**
 * The TLS providers under comparison, each built the way an application would use it, with its own key
 * and trust manager factories where it has them. None is registered in java.security: every lookup names
 * its provider instance, so the comparison never silently measures one provider under another's name.
 */
public final class Providers {
    public static final String SUNJSSE = "SunJSSE";
    public static final String BCJSSE = "BCJSSE";
    public static final String CONSCRYPT = "Conscrypt";
    public static final String SECURECHANNEL = "SecureChannel";

    /** Every provider, in table order. */
    public static final List<String> ALL = List.of(SUNJSSE, BCJSSE, CONSCRYPT, SECURECHANNEL);

    private static final char[] PASSWORD = "benchmark".toCharArray();

    private static Provider bcjsse;
    private static Provider conscrypt;
    private static Provider secureChannel;

    private Providers() {
    }

    public static synchronized Provider provider(String name) {
        switch (name) {
            case SUNJSSE:
                return Security.getProvider("SunJSSE");
            case BCJSSE:
                if (bcjsse == null) {
                    // bctls on bcprov, not on the JDK's JCA: "BCJSSE" as its users deploy it.
                    bcjsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
                }
                return bcjsse;
            case CONSCRYPT:
                if (conscrypt == null) {
                    if (!Conscrypt.isAvailable()) {
                        throw new NotApplicable("Conscrypt's native library does not load on this platform");
                    }
                    conscrypt = Conscrypt.newProvider();
                }
                return conscrypt;
            case SECURECHANNEL:
                if (secureChannel == null) {
                    secureChannel = SecureChannelJsse.provider();
                }
                return secureChannel;
            default:
                throw new IllegalArgumentException("unknown provider " + name);
        }
    }

    /** A context for one role: the key and trust managers it will use, and the trust manager that counts. */
    public record Tls(SSLContext context, CountingTrustManager trust) {
    }

    /**
     * A TLS 1.3 context of {@code providerName} holding {@code identity} (may be null for a client without a
     * certificate) and trusting {@code anchor}.
     */
    public static Tls context(String providerName, Pki.Identity identity, java.security.cert.X509Certificate anchor)
            throws Exception {
        Provider p = provider(providerName);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", identity.key(), PASSWORD,
                    identity.chain().toArray(new java.security.cert.X509Certificate[0]));
            kmf = keyManagerFactory(p);
            kmf.init(ks, PASSWORD);
        }
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("anchor", anchor);
        TrustManagerFactory tmf = trustManagerFactory(p);
        tmf.init(trustStore);
        X509ExtendedTrustManager delegate = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager) {
                delegate = (X509ExtendedTrustManager) tm;
            }
        }
        if (delegate == null) {
            throw new IllegalStateException(providerName + ": no X509ExtendedTrustManager from " + tmf.getProvider());
        }
        CountingTrustManager counting = new CountingTrustManager(delegate);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", p);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {counting}, null);
        return new Tls(ctx, counting);
    }

    private static KeyManagerFactory keyManagerFactory(Provider p) throws Exception {
        if (p.getService("KeyManagerFactory", "PKIX") != null) {
            return KeyManagerFactory.getInstance("PKIX", p);
        }
        // Conscrypt brings no key manager factory. The JDK's "PKIX" one chooses no alias for a Conscrypt server
        // (BoringSSL then fails with NO_CERTIFICATE_SET); its plain "SunX509" one works.
        return KeyManagerFactory.getInstance("SunX509", Security.getProvider("SunJSSE"));
    }

    private static TrustManagerFactory trustManagerFactory(Provider p) throws Exception {
        if (p.getService("TrustManagerFactory", "PKIX") != null) {
            return TrustManagerFactory.getInstance("PKIX", p);
        }
        return TrustManagerFactory.getInstance("PKIX", Security.getProvider("SunJSSE"));
    }
}
