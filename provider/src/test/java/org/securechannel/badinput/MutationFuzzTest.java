package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.securechannel.badinput.Fixtures.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.securechannel.codec.NamedGroup;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;

/**
 * Seeded, bounded mutation fuzzing of everything a context reads. Two modes: replaying mutated recordings of
 * real handshakes to fresh contexts (mostly exercises ClientHello/ServerHello parsing and record checks),
 * and mutating one byte in flight inside a live handshake (reaches the encrypted messages). The property:
 * only SecurityContextException escapes; a failure we detected carries an alert; it is never
 * internal_error (the context turns stray RuntimeExceptions into internal_error, so one here means an
 * index/null/arithmetic bug on peer input); the context is dead afterwards; every run terminates.
 */
@Timeout(60)
class MutationFuzzTest {
    private static final long SEED = 0x5EC0DE_BAD1L;

    /** One configuration: how to make each side. */
    private record Config(String name, Supplier<SecurityContext> client, Supplier<SecurityContext> server) {
    }

    /** What each side received, chunk by chunk (one chunk per step call with new input). */
    private record Recording(Config config, List<byte[]> toClient, List<byte[]> toServer) {
    }

    private static final List<Config> CONFIGS = new ArrayList<>();
    private static final List<Recording> RECORDINGS = new ArrayList<>();

    @BeforeAll
    static void record() throws Exception {
        Credentials client = clientBuilder().build();
        Credentials clientWithCert = clientBuilder().certificate(CLIENT_LEAF.chain(), CLIENT_LEAF.key()).build();
        Credentials clientAlpn = clientBuilder().applicationProtocols("h2", "http/1.1").build();
        Credentials server = serverBuilder().build();
        Credentials serverHrr = serverBuilder().groups(NamedGroup.SECP256R1).build();
        Credentials serverAuth = serverBuilder().clientAuth(Credentials.ClientAuth.REQUIRED).trustAnchors(List.of(PKI.root())).build();
        Credentials serverAlpn = serverBuilder().applicationProtocols("http/1.1").build();
        CONFIGS.add(new Config("plain", () -> SecurityContext.client(client, "localhost"), () -> SecurityContext.server(server)));
        CONFIGS.add(new Config("hrr", () -> SecurityContext.client(client, "localhost"), () -> SecurityContext.server(serverHrr)));
        CONFIGS.add(new Config("client-auth", () -> SecurityContext.client(clientWithCert, "localhost"), () -> SecurityContext.server(serverAuth)));
        CONFIGS.add(new Config("alpn", () -> SecurityContext.client(clientAlpn, "localhost"), () -> SecurityContext.server(serverAlpn)));
        // TLS 1.2: our default client (both versions) against 1.2-only servers, with and without client auth.
        Credentials server12 = serverBuilder().cipherSuites(Credentials.DEFAULT_TLS12_SUITES).build();
        Credentials server12Auth = serverBuilder().cipherSuites(Credentials.DEFAULT_TLS12_SUITES)
                .clientAuth(Credentials.ClientAuth.REQUIRED).trustAnchors(List.of(PKI.root())).build();
        CONFIGS.add(new Config("tls12", () -> SecurityContext.client(client, "localhost"), () -> SecurityContext.server(server12)));
        CONFIGS.add(new Config("tls12-client-auth", () -> SecurityContext.client(clientWithCert, "localhost"),
                () -> SecurityContext.server(server12Auth)));
        for (Config c : CONFIGS) {
            RECORDINGS.add(recordHandshake(c));
        }
    }

    private static Recording recordHandshake(Config c) throws Exception {
        List<byte[]> toClient = new ArrayList<>();
        List<byte[]> toServer = new ArrayList<>();
        try (SecurityContext client = c.client.get(); SecurityContext server = c.server.get()) {
            byte[] pendingToServer = step(client, new byte[0]);
            byte[] pendingToClient = new byte[0];
            boolean clientDone = false;
            boolean serverDone = false;
            for (int i = 0; i < 20 && !(clientDone && serverDone); i++) {
                if (pendingToServer.length > 0 || !serverDone) {
                    toServer.add(pendingToServer);
                    ByteBuffer out = ByteBuffer.allocate(64 * 1024);
                    Result r = server.step(ByteBuffer.wrap(pendingToServer), out);
                    serverDone = r.status() == Status.OK;
                    pendingToServer = new byte[0];
                    pendingToClient = concat(pendingToClient, Arrays.copyOf(out.array(), out.position()));
                }
                if (pendingToClient.length > 0 || !clientDone) {
                    toClient.add(pendingToClient);
                    ByteBuffer out = ByteBuffer.allocate(64 * 1024);
                    Result r = client.step(ByteBuffer.wrap(pendingToClient), out);
                    clientDone = r.status() == Status.OK;
                    pendingToClient = new byte[0];
                    pendingToServer = concat(pendingToServer, Arrays.copyOf(out.array(), out.position()));
                }
            }
            assertTrue(clientDone && serverDone, "recording of " + c.name + " did not complete");
            // Some application data both ways, so the replay also reaches decrypt.
            ByteBuffer out = ByteBuffer.allocate(1024);
            client.encrypt(ByteBuffer.wrap("ping".getBytes()), out);
            toServer.add(concat(pendingToServer, Arrays.copyOf(out.array(), out.position())));
            out = ByteBuffer.allocate(1024);
            server.encrypt(ByteBuffer.wrap("pong".getBytes()), out);
            toClient.add(concat(pendingToClient, Arrays.copyOf(out.array(), out.position())));
        }
        toClient.removeIf(b -> b.length == 0);
        toServer.removeIf(b -> b.length == 0);
        return new Recording(c, toClient, toServer);
    }

    // ------------------------------------------------------------------ mutations

    private static List<byte[]> mutate(List<byte[]> chunks, Random rnd, StringBuilder what) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] c : chunks) {
            out.add(c.clone());
        }
        int idx = rnd.nextInt(out.size());
        byte[] c = out.get(idx);
        int kind = rnd.nextInt(10);
        what.append("chunk ").append(idx).append(' ');
        switch (kind) {
            case 0 -> {
                int p = rnd.nextInt(c.length);
                int bit = rnd.nextInt(8);
                c[p] ^= (byte) (1 << bit);
                what.append("flip bit ").append(bit).append(" at ").append(p);
            }
            case 1 -> {
                int p = rnd.nextInt(c.length);
                int v = rnd.nextBoolean() ? rnd.nextInt(256) : (rnd.nextBoolean() ? 0 : 0xFF);
                c[p] = (byte) v;
                what.append("set byte ").append(p).append('=').append(v);
            }
            case 2 -> {
                int n = rnd.nextInt(c.length);
                out.set(idx, Arrays.copyOf(c, n));
                what.append("truncate to ").append(n);
            }
            case 3 -> {
                byte[] extra = new byte[1 + rnd.nextInt(64)];
                rnd.nextBytes(extra);
                out.set(idx, concat(c, extra));
                what.append("extend by ").append(extra.length);
            }
            case 4, 5, 6 -> {
                List<byte[]> recs = new ArrayList<>(records(c));
                int r = rnd.nextInt(recs.size());
                int op = kind - 4;
                if (op == 0) {
                    recs.add(r, recs.get(r).clone());
                    what.append("duplicate record ").append(r);
                } else if (op == 1 && recs.size() > 1) {
                    recs.remove(r);
                    what.append("drop record ").append(r);
                } else if (recs.size() > 1) {
                    int s = rnd.nextInt(recs.size());
                    byte[] t = recs.get(r);
                    recs.set(r, recs.get(s));
                    recs.set(s, t);
                    what.append("swap records ").append(r).append(',').append(s);
                } else {
                    recs.add(recs.get(0).clone());
                    what.append("duplicate the only record");
                }
                out.set(idx, concat(recs.toArray(new byte[0][])));
            }
            default -> {
                // A length field: the record length (2 bytes at 3) or a handshake length (3 bytes at 6).
                List<byte[]> recs = new ArrayList<>(records(c));
                int r = rnd.nextInt(recs.size());
                byte[] rec = recs.get(r);
                int[] values = {0, 0xFFFF, 0xFFFFFF, 1, rec.length - 4, rec.length - 6};
                int v = values[rnd.nextInt(values.length)];
                if (rnd.nextBoolean() && rec.length >= 5) {
                    rec[3] = (byte) (v >>> 8);
                    rec[4] = (byte) v;
                    what.append("record ").append(r).append(" length=").append(v & 0xFFFF);
                } else if (rec.length >= 9) {
                    rec[6] = (byte) (v >>> 16);
                    rec[7] = (byte) (v >>> 8);
                    rec[8] = (byte) v;
                    what.append("record ").append(r).append(" handshake length=").append(v & 0xFFFFFF);
                } else {
                    rec[0] ^= 0x40;
                    what.append("record ").append(r).append(" type scrambled");
                }
                out.set(idx, concat(recs.toArray(new byte[0][])));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the property

    private static final class Findings {
        final List<String> problems = new ArrayList<>();
        int runs;
        int detected;

        void check(Throwable t, SecurityContext ctx, String where) {
            if (!(t instanceof SecurityContextException e)) {
                problems.add(where + ": escaped " + stack(t));
                return;
            }
            detected++;
            if (e.reason() == Reason.INTERNAL_ERROR) {
                problems.add(where + ": internal_error on peer input: " + e.getMessage() + "\n" + stack(e.getCause() == null ? e : e.getCause()));
            } else if (e.reason() == Reason.INVALID_STATE) {
                problems.add(where + ": INVALID_STATE as the first failure: " + e.getMessage());
            } else if (e.reason() != Reason.PEER_ALERT && e.alertToSend().length == 0) {
                problems.add(where + ": no alert to send for " + e.reason());
            }
            try {
                ctx.step(ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 1, 1}), ByteBuffer.allocate(1024));
                problems.add(where + ": context usable after failure " + e.reason());
            } catch (SecurityContextException again) {
                if (again.reason() != Reason.INVALID_STATE) {
                    problems.add(where + ": after a failure step threw " + again.reason() + " instead of INVALID_STATE");
                }
            } catch (Throwable other) {
                problems.add(where + ": after a failure step threw " + stack(other));
            }
        }

        void assertClean() {
            assertTrue(problems.isEmpty(), problems.size() + " problems in " + runs + " runs, e.g.:\n"
                    + String.join("\n----\n", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 2500 ? s.substring(0, 2500) : s;
    }

    /** Feeds chunks to {@code ctx} as step (or, once established, decrypt) calls; bounded. */
    private static void feed(SecurityContext ctx, List<byte[]> chunks) throws SecurityContextException {
        ByteBuffer pending = ByteBuffer.allocate(0);
        for (byte[] chunk : chunks) {
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.length);
            in.put(pending).put(chunk).flip();
            for (int i = 0; i < 16 && in.hasRemaining(); i++) {
                int before = in.position();
                Result r;
                if (ctx.isEstablished()) {
                    r = ctx.decrypt(in, ByteBuffer.allocate(64 * 1024));
                    if (r.status() == Status.RENEGOTIATE) {
                        ctx.step(ByteBuffer.allocate(0), ByteBuffer.allocate(64 * 1024));
                    }
                } else {
                    r = ctx.step(in, ByteBuffer.allocate(64 * 1024));
                    if (r.status() == Status.INCOMPLETE_CREDENTIALS) {
                        continue;
                    }
                }
                if (r.status() == Status.INCOMPLETE_MESSAGE || r.status() == Status.CONTEXT_EXPIRED
                        || (in.position() == before && !r.outputPending())) {
                    break;
                }
            }
            pending = in;
        }
    }

    @Test
    void replayedMutationsOfRecordedHandshakes() {
        Random rnd = new Random(SEED);
        Findings f = new Findings();
        long deadline = System.nanoTime() + 25_000_000_000L;
        for (int i = 0; i < 3000 && System.nanoTime() < deadline; i++) {
            Recording rec = RECORDINGS.get(i % RECORDINGS.size());
            boolean toServer = (i / RECORDINGS.size()) % 2 == 0;
            StringBuilder what = new StringBuilder(rec.config.name + (toServer ? " ->server " : " ->client ") + "#" + i + " ");
            List<byte[]> chunks = mutate(toServer ? rec.toServer : rec.toClient, rnd, what);
            SecurityContext ctx = toServer ? rec.config.server.get() : rec.config.client.get();
            f.runs++;
            try {
                if (!toServer) {
                    step(ctx, new byte[0]);
                }
                feed(ctx, chunks);
            } catch (Throwable t) {
                f.check(t, ctx, what.toString());
            } finally {
                ctx.close();
            }
        }
        System.out.println("replay fuzz: " + f.runs + " runs, " + f.detected + " rejected, " + f.problems.size() + " problems");
        f.assertClean();
    }

    @Test
    void oneByteMutatedInFlightDuringLiveHandshakes() {
        Random seeds = new Random(SEED + 1);
        Findings f = new Findings();
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; i < 600 && System.nanoTime() < deadline; i++) {
            long seed = seeds.nextLong();
            Random rnd = new Random(seed);
            Config config = CONFIGS.get(i % CONFIGS.size());
            SecurityContext client = config.client.get();
            SecurityContext server = config.server.get();
            // Which transmission (0 = first ClientHello, ...) gets one byte changed, and how.
            int target = rnd.nextInt(config.name.equals("hrr") ? 6 : 4);
            String what = config.name + " live #" + i + " seed " + seed + " transmission " + target;
            f.runs++;
            SecurityContext current = client;
            try {
                byte[] toServer = step(client, new byte[0]);
                byte[] toClient = new byte[0];
                int transmission = 0;
                for (int round = 0; round < 12; round++) {
                    current = server;
                    if (transmission++ == target && toServer.length > 0) {
                        toServer[rnd.nextInt(toServer.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    toClient = concat(toClient, feedOnce(server, toServer));
                    toServer = new byte[0];
                    current = client;
                    if (transmission++ == target && toClient.length > 0) {
                        toClient[rnd.nextInt(toClient.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                    toServer = concat(toServer, feedOnce(client, toClient));
                    toClient = new byte[0];
                    if (client.isEstablished() && server.isEstablished() && toServer.length == 0) {
                        break;
                    }
                }
                if (client.isEstablished() && server.isEstablished()) {
                    // A byte may have landed somewhere harmless (e.g. the CCS is not checked beyond its value).
                    current = server;
                    ByteBuffer out = ByteBuffer.allocate(1024);
                    client.encrypt(ByteBuffer.wrap("data".getBytes()), out);
                    server.decrypt(ByteBuffer.wrap(out.array(), 0, out.position()), ByteBuffer.allocate(1024));
                }
            } catch (Throwable t) {
                f.check(t, current, what);
            } finally {
                client.close();
                server.close();
            }
        }
        System.out.println("live fuzz: " + f.runs + " runs, " + f.detected + " rejected, " + f.problems.size() + " problems");
        f.assertClean();
    }

    /** One delivery: step (or decrypt) until the input is used up; returns what the context wrote. */
    private static byte[] feedOnce(SecurityContext ctx, byte[] input) throws SecurityContextException {
        ByteBuffer in = ByteBuffer.wrap(input);
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            Result r;
            if (ctx.isEstablished()) {
                if (!in.hasRemaining()) {
                    break;
                }
                r = ctx.decrypt(in, ByteBuffer.allocate(64 * 1024));
                if (r.status() == Status.RENEGOTIATE) {
                    r = ctx.step(ByteBuffer.allocate(0), out);
                }
            } else {
                r = ctx.step(in, out);
            }
            sent.write(out.array(), 0, out.position());
            if (r.status() == Status.INCOMPLETE_MESSAGE || (!in.hasRemaining() && !r.outputPending()
                    && r.status() != Status.INCOMPLETE_CREDENTIALS)) {
                break;
            }
        }
        return sent.toByteArray();
    }
}
