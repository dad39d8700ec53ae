package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettySslContextServerCredentials;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.SecureChannelProvider;
import org.securechannel.testing.TestPki;

/**
 * gRPC (grpc-netty-shaded 1.85) over TLS with SecureChannel on both sides. {@code GrpcSslContexts.configure(builder,
 * provider)} accepts only the providers gRPC knows (SunJSSE, Conscrypt, ...); the supported way for any other JSSE
 * provider is the shaded Netty's JDK SslContext built with {@code sslContextProvider(provider)} and ALPN "h2",
 * handed to gRPC as {@code NettySslContextServerCredentials}/{@code NettySslContextChannelCredentials} (the README's
 * recipe). A unary call with a hand-written MethodDescriptor (no protoc) and a String marshaller; proof it was ours:
 * the SSLSession gRPC records in the transport attributes is SecureChannel's, on the server and on the client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTlsTest {
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> HELLO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("securechannel.Greeter", "Hello"))
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();

    @Test
    void grpcRefusesOurProviderByNameWhichIsWhyTheRecipeExists() {
        Provider ours = new SecureChannelProvider();
        assertThrows(IllegalArgumentException.class, () -> GrpcSslContexts.configure(SslContextBuilder.forClient(), ours));
    }

    @Test
    void unaryCallOverTlsWithSecureChannelOnBothSides() throws Exception {
        TestPki ca = TestPki.ca(TestPki.KeyType.EC_P256);
        TestPki.Issued id = ca.issue(TestPki.KeyType.EC_P256, "localhost");
        Provider ours = new SecureChannelProvider();
        ApplicationProtocolConfig h2 = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);
        SslContext serverTls = SslContextBuilder.forServer(id.key(), id.chain()).sslProvider(SslProvider.JDK)
                .sslContextProvider(ours).applicationProtocolConfig(h2).build();
        SslContext clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).sslContextProvider(ours)
                .trustManager(ca.root()).applicationProtocolConfig(h2).build();

        AtomicReference<SSLSession> serverSession = new AtomicReference<>();
        ServerServiceDefinition greeter = ServerServiceDefinition.builder("securechannel.Greeter")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((String name, io.grpc.stub.StreamObserver<String> reply) -> {
                    reply.onNext("hello " + name);
                    reply.onCompleted();
                })).build();
        ServerInterceptor recordServerSession = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                serverSession.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                return next.startCall(call, headers);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), NettySslContextServerCredentials.create(serverTls))
                .addService(ServerInterceptors.intercept(greeter, recordServerSession)).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort(), NettySslContextChannelCredentials.create(clientTls)).build();
        try {
            AtomicReference<SSLSession> clientSession = new AtomicReference<>();
            Channel recorded = ClientInterceptors.intercept(channel, new ClientInterceptor() {
                @Override
                public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                        @Override
                        public void start(Listener<R> listener, Metadata headers) {
                            ClientCall<Q, R> call = this;
                            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onHeaders(Metadata responseHeaders) {
                                    clientSession.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                                    super.onHeaders(responseHeaders);
                                }
                            }, headers);
                        }
                    };
                }
            });
            String reply = ClientCalls.blockingUnaryCall(recorded, HELLO, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), "grpc");
            assertEquals("hello grpc", reply);
            assertEquals(OkHttpTest.SESSION, serverSession.get().getClass().getName());
            assertEquals(OkHttpTest.SESSION, clientSession.get().getClass().getName());
            assertEquals("TLSv1.3", clientSession.get().getProtocol());
            assertEquals(id.leaf(), clientSession.get().getPeerCertificates()[0]);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
