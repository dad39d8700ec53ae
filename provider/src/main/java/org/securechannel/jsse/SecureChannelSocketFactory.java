package org.securechannel.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import javax.net.ssl.SSLSocketFactory;

/**
 * SSLSocketFactory of an initialised SecureChannel SSLContext: client sockets connected here, unconnected
 * ones, client sockets layered over a connected socket, and server sockets layered over an accepted socket
 * whose first bytes the application already read ({@link #createSocket(Socket, InputStream, boolean)}).
 */
final class SecureChannelSocketFactory extends SSLSocketFactory {
    private final ContextConfig config;

    SecureChannelSocketFactory(ContextConfig config) {
        this.config = config;
    }

    private SecureChannelSocket newClient() {
        return new SecureChannelSocket(config, new ConnectionParameters(config, true));
    }

    @Override
    public Socket createSocket() {
        return newClient();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(host, port, null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        InetSocketAddress endpoint = new InetSocketAddress(host, port);
        if (endpoint.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        return connected(host, endpoint, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        // The name the address was made with, if any (no reverse lookup): "name/1.2.3.4" or "/1.2.3.4".
        String text = address.toString();
        String name = text.substring(0, text.indexOf('/'));
        return connected(name.isEmpty() ? null : name, new InetSocketAddress(address, port), localAddress, localPort);
    }

    private Socket connected(String host, InetSocketAddress endpoint, InetAddress localAddress, int localPort) throws IOException {
        SecureChannelSocket s = newClient();
        try {
            if (localAddress != null || localPort != 0) {
                s.bind(new InetSocketAddress(localAddress, localPort));
            }
            s.connect(host, endpoint, 0);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return new SecureChannelSocket(config, new ConnectionParameters(config, true), s, host, port, autoClose, null);
    }

    /** A server-mode socket over {@code s}; {@code consumed} holds bytes already read from it (e.g. a sniffed ClientHello). */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        byte[] already = consumed == null ? null : consumed.readAllBytes();
        return new SecureChannelSocket(config, new ConnectionParameters(config, false), s, null, s.getPort(), autoClose, already);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return config.clientSuites.toArray(new String[0]);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return config.supportedSuites.toArray(new String[0]);
    }
}
