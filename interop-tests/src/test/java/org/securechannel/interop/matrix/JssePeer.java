package org.securechannel.interop.matrix;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;

/**
 * A peer in this JVM, reached through its {@link SSLEngine} (SunJSSE, BCJSSE, Conscrypt, BoringSSL through Netty):
 * driven by the same {@link EngineConnection} and {@link Echo} as our side, over a real loopback connection.
 */
final class JssePeer extends AbstractPeer {
    /**
     * Makes the peer's context for a scenario (true: a server's), as a source of engines: a resumption cell's two
     * connections take theirs from one context, which keeps the session.
     */
    interface Engines {
        Factory create(Scenario s, MatrixPki pki, boolean server) throws Exception;
    }

    /** Engines of one context. */
    interface Factory {
        SSLEngine engine() throws Exception;
    }

    private final Engines engines;

    JssePeer(String name, String version, Engines engines, BiFunction<Cell, Boolean, String> cannot) {
        super(name, version, cannot);
        this.engines = engines;
    }




    @Override
    public Server server(Scenario s, MatrixPki pki) throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        Factory engines = this.engines.create(s, pki, true);
        CompletableFuture<Observed> served = CompletableFuture.supplyAsync(() -> {
            Observed last = null;
            for (int i = 0; i < s.connections(); i++) {
                try (EngineConnection c = new EngineConnection(engines.engine(), listener.accept(), Echo.DEADLINE_SECONDS)) {
                    last = Echo.serve(c, s, false);
                } catch (Exception e) {
                    throw new IllegalStateException(name() + " server: " + e, e);
                }
            }
            return last;
        }, Echo.THREADS);
        return new Server() {
            @Override
            public SocketChannel connect() throws java.io.IOException {
                return SocketChannel.open(listener.getLocalAddress());
            }

            @Override
            public Observed observed() throws Exception {
                return served.get(s.connections() * (Echo.DEADLINE_SECONDS + 5), TimeUnit.SECONDS);
            }

            @Override
            public String log() {
                try {
                    served.get(5, TimeUnit.SECONDS);
                    return "";
                } catch (java.util.concurrent.ExecutionException e) {
                    return Run.trace(name() + " server", e.getCause());
                } catch (Exception e) {
                    return name() + " server: " + e;
                }
            }

            @Override
            public void close() throws java.io.IOException {
                listener.close();
                served.cancel(true);
            }
        };
    }

    @Override
    public ClientRun client(Scenario s, MatrixPki pki, int port) throws Exception {
        Factory engines = this.engines.create(s, pki, false);
        ClientRun run = null;
        for (int i = 0; i < s.connections() && (run == null || run.echoed()); i++) {
            if (i > 0) {
                Echo.betweenConnections(s);
            }
            boolean[] echoed = new boolean[1];
            try (EngineConnection c = new EngineConnection(engines.engine(), SocketChannel.open(new InetSocketAddress("127.0.0.1", port)),
                    Echo.DEADLINE_SECONDS)) {
                Observed seen = Echo.exchange(c, s, false, echoed);
                run = new ClientRun(echoed[0], seen, "");
            } catch (Exception e) {
                run = new ClientRun(false, null, Run.trace(name() + " client" + (i > 0 ? " (second connection)" : ""), e));
            }
        }
        return run;
    }
}
