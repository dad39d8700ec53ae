package org.securechannel.jsse;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The application's trust manager as one connection's engine sees it: the peer chain is put into the
 * handshake session first (a trust manager may look at it there), then an X509ExtendedTrustManager is
 * called with this SSLEngine (or socket), so it can do endpoint identification from the engine's
 * SSLParameters and handshake session, as SunJSSE's PKIX trust manager does.
 */
final class ConnectionTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;
    private final SSLEngine engine;
    private final Socket socket;
    private final SecureChannelSession session;

    ConnectionTrustManager(X509TrustManager delegate, SSLEngine engine, Socket socket, SecureChannelSession session) {
        this.delegate = delegate;
        this.engine = engine;
        this.socket = socket;
        this.session = session;
    }

    /** Whether the delegate checks host names itself when an endpoint identification algorithm is set. */
    static boolean identifiesEndpoints(X509TrustManager tm) {
        return tm instanceof X509ExtendedTrustManager;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        session.peerCertificates(chain);
        if (delegate instanceof X509ExtendedTrustManager) {
            X509ExtendedTrustManager x = (X509ExtendedTrustManager) delegate;
            if (engine != null) {
                x.checkClientTrusted(chain, authType, engine);
            } else {
                x.checkClientTrusted(chain, authType, socket);
            }
        } else {
            delegate.checkClientTrusted(chain, authType);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        session.peerCertificates(chain);
        if (delegate instanceof X509ExtendedTrustManager) {
            X509ExtendedTrustManager x = (X509ExtendedTrustManager) delegate;
            if (engine != null) {
                x.checkServerTrusted(chain, authType, engine);
            } else {
                x.checkServerTrusted(chain, authType, socket);
            }
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
