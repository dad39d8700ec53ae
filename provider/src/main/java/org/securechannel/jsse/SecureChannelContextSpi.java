package org.securechannel.jsse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * SSLContext "TLS" (alias "SSL"), "TLSv1.3" and {@link Tls12} ("TLSv1.2", and the legacy names "TLSv1.1", "TLSv1",
 * "SSLv3" that SecureChannelProvider maps to it): engines over the security context engine, negotiating TLS 1.3
 * and TLS 1.2. {@link Default} is the
 * "Default" context, initialised from the javax.net.ssl system properties like SunJSSE's.
 */
public class SecureChannelContextSpi extends SSLContextSpi {
    private volatile ContextConfig config;

    public SecureChannelContextSpi() {
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        X509KeyManager keyManager = null;
        if (km != null) {
            for (KeyManager k : km) {
                if (k instanceof X509KeyManager) {
                    keyManager = (X509KeyManager) k;
                    break;
                }
            }
        }
        X509TrustManager trustManager = null;
        if (tm != null) {
            for (TrustManager t : tm) {
                if (t instanceof X509TrustManager) {
                    trustManager = (X509TrustManager) t;
                    break;
                }
            }
        }
        if (trustManager == null) {
            trustManager = defaultTrustManager();
        }
        config = new ContextConfig(keyManager, trustManager, random != null ? random : new SecureRandom(), tls12Context());
    }

    /** The JDK's default trust: javax.net.ssl.trustStore* when set, else jssecacerts/cacerts. */
    static X509TrustManager defaultTrustManager() throws KeyManagementException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509TrustManager) {
                    return (X509TrustManager) t;
                }
            }
            throw new KeyManagementException("the default TrustManagerFactory has no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new KeyManagementException("the JDK's default trust store is unavailable: " + e.getMessage(), e);
        }
    }

    ContextConfig config() {
        ContextConfig c = config;
        if (c == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return c;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new SecureChannelEngine(config(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new SecureChannelEngine(config(), host, port);
    }

    /** SSLSockets over the same security context engine, with the token loop on the socket's streams. */
    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new SecureChannelSocketFactory(config());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new SecureChannelServerSocketFactory(config());
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return config().serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return config().clientSessions;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        ContextConfig c = config();
        return new SSLParameters(c.clientSuites.toArray(new String[0]), c.clientProtocols.toArray(new String[0]));
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        ContextConfig c = config();
        return new SSLParameters(c.supportedSuites.toArray(new String[0]), Names.SUPPORTED_PROTOCOLS.toArray(new String[0]));
    }

    /** Whether this is SSLContext "TLSv1.2" (see {@link Tls12}). */
    boolean tls12Context() {
        return false;
    }

    /** SSLContext "TLSv1.2": clients enable TLS 1.2 only, as SunJSSE's do; servers accept both versions. */
    public static final class Tls12 extends SecureChannelContextSpi {
        @Override
        boolean tls12Context() {
            return true;
        }
    }

    /** SSLContext "Default": ready at construction, from the javax.net.ssl system properties; not re-initialisable. */
    public static final class Default extends SecureChannelContextSpi {
        public Default() throws KeyManagementException {
            super.engineInit(defaultKeyManagers(), null, null);
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("the Default SSLContext is initialized automatically");
        }

        /** javax.net.ssl.keyStore, keyStoreType, keyStorePassword, keyStoreProvider, as SunJSSE reads them. */
        private static KeyManager[] defaultKeyManagers() throws KeyManagementException {
            String path = System.getProperty("javax.net.ssl.keyStore", "");
            String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
            String password = System.getProperty("javax.net.ssl.keyStorePassword");
            String provider = System.getProperty("javax.net.ssl.keyStoreProvider", "");
            if (path.isEmpty() && !"PKCS11".equalsIgnoreCase(type)) {
                return new KeyManager[0];
            }
            char[] pw = password == null ? null : password.toCharArray();
            try {
                KeyStore ks = provider.isEmpty() ? KeyStore.getInstance(type) : KeyStore.getInstance(type, provider);
                if (path.isEmpty() || "NONE".equals(path)) {
                    ks.load(null, pw);
                } else {
                    try (InputStream in = new FileInputStream(path)) {
                        ks.load(in, pw);
                    }
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
                return kmf.getKeyManagers();
            } catch (GeneralSecurityException | IOException e) {
                throw new KeyManagementException("cannot load javax.net.ssl.keyStore " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
