package org.securechannel.interop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS server the HTTP client framework tests talk to: Jetty 12 on a given (SecureChannel) SSLContext with
 * ALPN offering "h2" and "http/1.1" (SecureChannel's engines reach Jetty's ALPN through the shipped
 * securechannel-jetty processor on the class path). Every response says which protocol carried it and the class
 * of the server's SSLSession ({@code "hello /path over HTTP/2.0 session org...SecureChannelSession"}), so the
 * client test sees from the body that the server side was ours; the engines Jetty created are kept for the ALPN
 * result.
 */
final class FrameworkServer implements AutoCloseable {
    static final String HOST = "localhost";

    /**
     * Adds to {@code server} a connector on {@code host} and an ephemeral port that serves h2 and HTTP/1.1 by ALPN
     * (HTTP/1.1 when the client offers neither) over {@code tls}, and returns it.
     */
    static ServerConnector addH2AndHttp11Connector(Server server, SslContextFactory.Server tls, String host) {
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        ServerConnector connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, alpn.getProtocol()),
                alpn, new HTTP2ServerConnectionFactory(config), http11);
        connector.setHost(host);
        connector.setPort(0);
        server.addConnector(connector);
        return connector;
    }

    private final Server server;
    private final List<SSLEngine> engines = new CopyOnWriteArrayList<>();
    private final int port;

    FrameworkServer(SSLContext context) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                engines.add(engine);
            }
        };
        tls.setSslContext(context);
        server = new Server();
        ServerConnector connector = addH2AndHttp11Connector(server, tls, HOST);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                EndPoint.SslSessionData tlsData = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                String session = tlsData == null ? "none" : tlsData.sslSession().getClass().getName();
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "hello " + request.getHttpURI().getPath() + " over "
                        + request.getConnectionMetaData().getProtocol() + " session " + session, callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "https://" + HOST + ":" + port + path;
    }

    /** The engines of accepted connections (Jetty also makes engines without a peer at start, to learn suites). */
    List<SSLEngine> connectionEngines() {
        return engines.stream().filter(e -> e.getPeerPort() > 0).toList();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
