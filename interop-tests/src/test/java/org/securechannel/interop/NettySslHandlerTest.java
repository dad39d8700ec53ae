package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.Provider;
import java.security.Security;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * Netty's SslHandler in JDK provider mode ({@code SslProvider.JDK} with {@code sslContextProvider}) over
 * loopback, with ALPN through Netty's own JDK ALPN wrapper (which drives
 * {@code setHandshakeApplicationProtocolSelector} on the server and {@code getApplicationProtocol} on the
 * client). SecureChannel on one side and SunJSSE on the other, and SecureChannel on both.
 */
class NettySslHandlerTest {
    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OURS = new SecureChannelProvider();
    private static final String HOST = "server.example";
    private static final long TIMEOUT_S = 10;
    private static TestPki ca;
    private static TestPki.Issued serverId;

    record Pair(String name, Provider client, Provider server) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pair> pairs() {
        return Stream.of(new Pair("SecureChannel client, SunJSSE server", OURS, SUN),
                new Pair("SunJSSE client, SecureChannel server", SUN, OURS),
                new Pair("SecureChannel on both sides", OURS, OURS));
    }

    @BeforeAll
    static void pki() {
        ca = TestPki.ca(TestPki.KeyType.EC_P256);
        serverId = ca.issue(TestPki.KeyType.EC_P256, HOST);
    }

    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }

    private static SslContext serverContext(Provider provider, String... protocols) throws Exception {
        return SslContextBuilder.forServer(serverId.key(), serverId.chain())
                .sslProvider(SslProvider.JDK).sslContextProvider(provider)
                .protocols("TLSv1.3")
                .applicationProtocolConfig(alpn(protocols))
                .build();
    }

    private static SslContext clientContext(Provider provider, String... protocols) throws Exception {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK).sslContextProvider(provider)
                .trustManager(ca.root())
                .protocols("TLSv1.3")
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(alpn(protocols))
                .build();
    }

    /** What one connection showed on each side, collected once both handshakes are done. */
    record Outcome(String clientAlpn, String serverAlpn, SSLSession clientSession, SSLSession serverSession,
            SSLEngine clientEngine, SSLEngine serverEngine, byte[] echoed) {
    }

    /** Echoes everything it reads. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Collects {@code expected} bytes, then completes. */
    private static final class Collect extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        final int expected;

        Collect(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                byte[] chunk = new byte[b.readableBytes()];
                b.readBytes(chunk);
                got.writeBytes(chunk);
            } finally {
                b.release();
            }
            if (got.size() >= expected) {
                done.complete(got.toByteArray());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.completeExceptionally(new IllegalStateException("closed after " + got.size() + " bytes"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
            ctx.close();
        }
    }

    private static Outcome run(SslContext serverSsl, SslContext clientSsl, byte[] message) throws Exception {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        Channel server = null;
        Channel client = null;
        try {
            CompletableFuture<SslHandler> serverHandler = new CompletableFuture<>();
            server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler h = serverSsl.newHandler(ch.alloc());
                            serverHandler.complete(h);
                            ch.pipeline().addLast(h, new Echo());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Collect collect = new Collect(message.length);
            CompletableFuture<SslHandler> clientHandler = new CompletableFuture<>();
            client = new Bootstrap().group(workers).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslHandler h = clientSsl.newHandler(ch.alloc(), HOST, port);
                            clientHandler.complete(h);
                            ch.pipeline().addLast(h, collect);
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
            SslHandler ch = clientHandler.get(TIMEOUT_S, TimeUnit.SECONDS);
            Channel established = ch.handshakeFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
            established.writeAndFlush(Unpooled.wrappedBuffer(message)).sync();
            byte[] echoed = collect.done.get(TIMEOUT_S, TimeUnit.SECONDS);
            SslHandler sh = serverHandler.get(TIMEOUT_S, TimeUnit.SECONDS);
            sh.handshakeFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
            return new Outcome(ch.applicationProtocol(), sh.applicationProtocol(), ch.engine().getSession(),
                    sh.engine().getSession(), unwrap(ch.engine()), unwrap(sh.engine()), echoed);
        } finally {
            if (client != null) {
                client.close().awaitUninterruptibly(TIMEOUT_S, TimeUnit.SECONDS);
            }
            if (server != null) {
                server.close().awaitUninterruptibly(TIMEOUT_S, TimeUnit.SECONDS);
            }
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(TIMEOUT_S, TimeUnit.SECONDS);
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    /** Netty wraps the provider's engine for ALPN (JdkAlpnSslEngine); the provider's own engine is inside. */
    static SSLEngine unwrap(SSLEngine engine) throws Exception {
        for (Class<?> c = engine.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.netty.handler.ssl.JdkSslEngine")) {
                java.lang.reflect.Method m = c.getDeclaredMethod("getWrappedEngine");
                m.setAccessible(true);
                return (SSLEngine) m.invoke(engine);
            }
        }
        return engine;
    }

    private static void assertProvider(Provider expected, SSLEngine engine, SSLSession session) {
        boolean ours = engine.getClass().getName().startsWith("org.securechannel.");
        assertEquals(expected == OURS, ours, engine.getClass().getName());
        assertEquals(expected == OURS, session.getClass().getName().startsWith("org.securechannel."), session.getClass().getName());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void echoWithAlpnH2(Pair pair) throws Exception {
        byte[] message = new byte[70_000]; // several records each way
        new Random(3).nextBytes(message);
        Outcome o = run(serverContext(pair.server(), ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1),
                clientContext(pair.client(), ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1), message);
        assertArrayEquals(message, o.echoed());
        assertEquals("h2", o.clientAlpn());
        assertEquals("h2", o.serverAlpn());
        assertEquals("TLSv1.3", o.clientSession().getProtocol());
        assertEquals("TLSv1.3", o.serverSession().getProtocol());
        assertEquals(o.clientSession().getCipherSuite(), o.serverSession().getCipherSuite());
        assertTrue(o.clientSession().getCipherSuite().startsWith("TLS_"), o.clientSession().getCipherSuite());
        assertEquals(serverId.leaf(), o.clientSession().getPeerCertificates()[0]);
        assertProvider(pair.client(), o.clientEngine(), o.clientSession());
        assertProvider(pair.server(), o.serverEngine(), o.serverSession());
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void serverPreferenceDecidesAlpn(Pair pair) throws Exception {
        byte[] message = "ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Outcome o = run(serverContext(pair.server(), ApplicationProtocolNames.HTTP_1_1, ApplicationProtocolNames.HTTP_2),
                clientContext(pair.client(), ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1), message);
        assertArrayEquals(message, o.echoed());
        assertEquals("http/1.1", o.clientAlpn());
        assertEquals("http/1.1", o.serverAlpn());
    }

    @Test
    void ourClientRejectsAServerWithTheWrongName() throws Exception {
        TestPki.Issued other = ca.issue(TestPki.KeyType.EC_P256, "other.example");
        SslContext serverSsl = SslContextBuilder.forServer(other.key(), other.chain())
                .sslProvider(SslProvider.JDK).sslContextProvider(SUN).protocols("TLSv1.3").build();
        SslContext clientSsl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).sslContextProvider(OURS)
                .trustManager(ca.root()).protocols("TLSv1.3").endpointIdentificationAlgorithm("HTTPS").build();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> run(serverSsl, clientSsl, new byte[] {1}));
        Throwable c = e;
        while (c != null && !(c instanceof SSLHandshakeException)) {
            c = c.getCause();
        }
        assertTrue(c != null, "an SSLHandshakeException: " + e);
    }
}
