package org.securechannel.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * An SSLServerSocket whose accepted sockets are {@link SecureChannelSocket}s in server mode, each starting
 * with a copy of this socket's parameters. Accepting does not handshake: that happens on the accepted
 * socket's first read, write, getSession or startHandshake, on the application's thread.
 */
final class SecureChannelServerSocket extends SSLServerSocket {
    private final ContextConfig config;
    private final ConnectionParameters params;

    SecureChannelServerSocket(ContextConfig config) throws IOException {
        super();
        this.config = config;
        this.params = new ConnectionParameters(config, false);
    }

    SecureChannelServerSocket(ContextConfig config, int port, int backlog, InetAddress bindAddress) throws IOException {
        super(port, backlog, bindAddress);
        this.config = config;
        this.params = new ConnectionParameters(config, false);
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        if (!isBound()) {
            throw new SocketException("Socket is not bound yet");
        }
        SecureChannelSocket s = new SecureChannelSocket(config, params.copy());
        implAccept(s);
        s.accepted();
        return s;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return params.enabledSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        params.enabledSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return params.supportedSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return Names.SUPPORTED_PROTOCOLS.toArray(new String[0]);
    }

    @Override
    public String[] getEnabledProtocols() {
        return params.enabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        params.enabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        params.needClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return params.needClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        params.wantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return params.wantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        params.clientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return params.clientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        params.enableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return params.enableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return params.get(null);
    }

    @Override
    public void setSSLParameters(SSLParameters p) {
        params.set(p);
    }

    @Override
    public String toString() {
        return "SecureChannelServerSocket[" + getLocalSocketAddress() + "]";
    }
}
