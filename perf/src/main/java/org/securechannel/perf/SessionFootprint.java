package org.securechannel.perf;

import java.time.Duration;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.session.BoundedClientSessionStore;
import org.securechannel.session.ClientSession;
import org.securechannel.session.ClientSessionStore;
import org.securechannel.session.SessionState;
import org.securechannel.session.StrikeRegister;
import org.securechannel.session.TinkTicketSealer;

/**
 * Retained heap of resumption state, JOL-free: used heap after repeated full GCs before and after filling the
 * structure, divided by the entries. A client session is a typical TLS 1.3 one (server chain of 2 × 600 B DER,
 * a real 109-byte Tink ticket, SNI, ALPN), each under its own server so the per-server bookkeeping counts too;
 * a server keeps no per-ticket state (tickets are sealed, stateless), so its per-entry cost is the 0-RTT strike
 * register's, one 32-byte binder each.
 * Then the JSSE client cache of each provider, side by side ({@link #jsseClientCache}).
 * {@code java -cp perf/target/benchmarks.jar org.securechannel.perf.SessionFootprint [entries [connections [providers]]]}
 */
public final class SessionFootprint {
    private SessionFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        TinkTicketSealer sealer = TinkTicketSealer.inMemory();
        long now = System.currentTimeMillis();
        byte[] ticket = sealer.seal(new byte[76]);

        BoundedClientSessionStore warmStore = new BoundedClientSessionStore(100, Duration.ofHours(1));
        fillClient(warmStore, 100, ticket, now); // warm-up: class loading is not per-entry state
        long before = RetainedHeap.usedAfterGc();
        BoundedClientSessionStore store = new BoundedClientSessionStore(n, Duration.ofHours(1));
        fillClient(store, n, ticket, now);
        long after = RetainedHeap.usedAfterGc();
        System.out.printf("client session store: %,d bytes retained per cached TLS 1.3 session (%,d sessions, %d-byte tickets)%n",
                (after - before) / n, store.size(), ticket.length);

        StrikeRegister warm = new StrikeRegister(n, Duration.ofSeconds(10));
        fillRegister(warm, 100, now);
        before = RetainedHeap.usedAfterGc();
        StrikeRegister register = new StrikeRegister(n, Duration.ofSeconds(10));
        fillRegister(register, n, now);
        after = RetainedHeap.usedAfterGc();
        System.out.printf("0-RTT strike register: %,d bytes retained per recorded binder (%,d binders)%n",
                (after - before) / n, register.size());
        System.out.printf("(kept alive: %d warm-up sessions, %d warm-up binders)%n", warmStore.size(), warm.size());
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        if (connections > 0) {
            for (String provider : args.length > 2 ? args[2].split(",") : new String[] {"SunJSSE", "Conscrypt", "SecureChannel"}) {
                jsseClientCache(provider, connections);
            }
        }
    }

    /**
     * The same figure through each provider's JSSE client, side by side: {@code n} full TLS 1.3 handshakes, each to
     * its own peer port, so the client {@code SSLSessionContext} keeps what it caches per server (SecureChannel: both
     * tickets of the connection, as separate single-use sessions; SunJSSE: one session; Conscrypt: its sessions with
     * their native BoringSSL objects, of which only the Java side is counted here). The server's own session cache
     * is held to one entry and every engine is dropped, so what grows is the client's cache.
     */
    private static void jsseClientCache(String provider, int n) throws Exception {
        PlainHandshakes h = new PlainHandshakes(provider, true, true);
        h.askConscryptForTickets();
        h.clientContext().getClientSessionContext().setSessionCacheSize(4 * n + 100);
        h.serverContext().getServerSessionContext().setSessionCacheSize(1);
        EnginePair.Buffers buffers = h.newBuffers();
        for (int i = 0; i < 50; i++) {
            h.connection(buffers, "warm.example", 1 + i); // class loading and JIT state are not per-session state
        }
        long before = RetainedHeap.usedAfterGc();
        for (int i = 0; i < n; i++) {
            h.connection(buffers, "localhost", 10_000 + i);
        }
        long after = RetainedHeap.usedAfterGc();
        int cached = java.util.Collections.list(h.clientContext().getClientSessionContext().getIds()).size();
        System.out.printf("%s JSSE client: %,d bytes retained per server in its client session cache (%,d servers; getIds() lists %,d)%n",
                provider, (after - before) / n, n, cached);
        h.clientContext().getClientSessionContext().setSessionCacheSize(1); // keep h reachable until the figure is taken
    }

    private static void fillClient(ClientSessionStore store, int n, byte[] ticket, long now) {
        List<byte[]> chain = List.of(new byte[600], new byte[600]);
        for (int i = 0; i < n; i++) {
            SessionState s = new SessionState(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519,
                    null, null, now, 7200, i, 0, new byte[32], "host" + i + ".example", "h2", chain);
            store.put(new ClientSessionStore.Peer("host" + i + ".example", 443, "host" + i + ".example"),
                    new ClientSession(ticket, s));
        }
    }

    private static void fillRegister(StrikeRegister register, int n, long now) {
        for (int i = 0; i < n; i++) {
            byte[] binder = new byte[32];
            binder[0] = (byte) i;
            binder[1] = (byte) (i >> 8);
            binder[2] = (byte) (i >> 16);
            if (!register.firstUse(binder, now)) {
                throw new IllegalStateException("binder " + i + " refused");
            }
        }
    }
}
