package org.securechannel.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLServerSocketFactory;

/** SSLServerSocketFactory of an initialised SecureChannel SSLContext. */
final class SecureChannelServerSocketFactory extends SSLServerSocketFactory {
    private final ContextConfig config;

    SecureChannelServerSocketFactory(ContextConfig config) {
        this.config = config;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new SecureChannelServerSocket(config);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new SecureChannelServerSocket(config, port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new SecureChannelServerSocket(config, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
        return new SecureChannelServerSocket(config, port, backlog, ifAddress);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return config.serverSuites.toArray(new String[0]);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return config.supportedSuites.toArray(new String[0]);
    }
}
