package org.securechannel.jsse;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.CertificateSelectionHints;

/**
 * The application's key manager as one connection's engine sees it: the plain X509KeyManager calls the
 * engine makes become the X509ExtendedKeyManager calls with this SSLEngine (or socket), as SunJSSE makes
 * them, so SNI-based key selection works. Before each choice the handshake session learns the requested
 * server name and the peer's signature algorithms, where JSSE key managers look for them.
 */
final class ConnectionKeyManager implements X509KeyManager, CertificateSelectionHints {
    private final X509KeyManager delegate;
    private final SSLEngine engine;
    private final Socket socket;
    private final SecureChannelSession session;

    /** One of {@code engine} and {@code socket} is the connection; the other is null. */
    ConnectionKeyManager(X509KeyManager delegate, SSLEngine engine, Socket socket, SecureChannelSession session) {
        this.delegate = delegate;
        this.engine = engine;
        this.socket = socket;
        this.session = session;
    }

    @Override
    public void selecting(String serverName, List<SignatureScheme> peerSchemes) {
        if (serverName != null && !serverName.isEmpty()) {
            List<SNIServerName> names = new ArrayList<>();
            try {
                names.add(new SNIHostName(serverName));
            } catch (IllegalArgumentException e) {
                // not a name JSSE can represent; the session then lists none
            }
            session.requestedServerNames(names);
        }
        session.peerSignatureAlgorithms(Names.standardNames(peerSchemes));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket ignored) {
        if (engine != null && delegate instanceof X509ExtendedKeyManager) {
            return ((X509ExtendedKeyManager) delegate).chooseEngineServerAlias(keyType, issuers, engine);
        }
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket ignored) {
        if (engine != null && delegate instanceof X509ExtendedKeyManager) {
            return ((X509ExtendedKeyManager) delegate).chooseEngineClientAlias(keyTypes, issuers, engine);
        }
        return delegate.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509Certificate[] chain = delegate.getCertificateChain(alias);
        // The engine asks for the chain of the alias it is about to use; that is what we present.
        session.localCertificates(chain);
        return chain;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }
}
