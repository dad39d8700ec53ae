package org.securechannel.badinput;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.Extension;
import org.securechannel.codec.HandshakeMessage;
import org.securechannel.codec.ServerHello;
import org.securechannel.context.Credentials;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.testing.ContextPair;
import org.securechannel.testing.TestPki;

/**
 * Shared pieces of the bad-input tests: one PKI, credentials, record building/splitting, and the one
 * assertion every test makes: a call fails with exactly a SecurityContextException of the expected reason,
 * carrying the alert to send, and the context is dead afterwards (INVALID_STATE on every call).
 */
final class Fixtures {
    static final TestPki PKI = TestPki.ca(TestPki.KeyType.EC_P256);
    static final TestPki.Issued SERVER_LEAF = PKI.issue(TestPki.KeyType.EC_P256, "localhost");
    static final TestPki.Issued CLIENT_LEAF = PKI.issue(TestPki.KeyType.EC_P256, "client");

    static final int HANDSHAKE = 22;
    static final int ALERT = 21;
    static final int CCS = 20;
    static final int APPDATA = 23;

    private Fixtures() {
    }

    static Credentials.Builder serverBuilder() {
        return Credentials.server().certificate(SERVER_LEAF.chain(), SERVER_LEAF.key());
    }

    static Credentials.Builder clientBuilder() {
        return Credentials.client().trustAnchors(List.of(PKI.root()));
    }

    static SecurityContext server() {
        return SecurityContext.server(serverBuilder().build());
    }

    /** A server that enables TLS 1.3 only: for the rules about what such a server refuses. */
    static SecurityContext tls13OnlyServer() {
        return SecurityContext.server(serverBuilder().cipherSuites(Credentials.DEFAULT_TLS13_SUITES).build());
    }

    static SecurityContext client() {
        return SecurityContext.client(clientBuilder().build(), "localhost");
    }

    static ContextPair establishedPair() throws SecurityContextException {
        return new ContextPair(client(), server()).handshake();
    }

    // ------------------------------------------------------------------ records

    static byte[] record(int type, byte[] content) {
        return record(type, 0x0303, content);
    }

    static byte[] record(int type, int version, byte[] content) {
        byte[] r = new byte[5 + content.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (content.length >>> 8);
        r[4] = (byte) content.length;
        System.arraycopy(content, 0, r, 5, content.length);
        return r;
    }

    static byte[] handshakeRecord(HandshakeMessage m) {
        return record(HANDSHAKE, m.encode());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Splits a byte stream into whole records (a trailing partial record is returned as is). */
    static List<byte[]> records(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < stream.length) {
            int end = p + 5 <= stream.length ? Math.min(stream.length, p + 5 + (((stream[p + 3] & 0xFF) << 8) | (stream[p + 4] & 0xFF))) : stream.length;
            out.add(Arrays.copyOfRange(stream, p, end));
            p = end;
        }
        return out;
    }

    /** The content of a plaintext record. */
    static byte[] content(byte[] record) {
        return Arrays.copyOfRange(record, 5, record.length);
    }

    /** Steps {@code ctx} once with {@code in} and returns what it wrote. */
    static byte[] step(SecurityContext ctx, byte[] in) throws SecurityContextException {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        ctx.step(ByteBuffer.wrap(in), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** The first flight of a fresh client: one ClientHello record. */
    static byte[] clientHelloRecord(SecurityContext client) throws SecurityContextException {
        return step(client, new byte[0]);
    }

    static ClientHello parseClientHello(byte[] record) throws Exception {
        byte[] msg = content(record);
        return ClientHello.parse(Arrays.copyOfRange(msg, 4, msg.length));
    }

    static ServerHello parseServerHello(byte[] record) throws Exception {
        byte[] msg = content(record);
        return ServerHello.parse(Arrays.copyOfRange(msg, 4, msg.length));
    }

    /** A real engine ClientHello (compatibility mode, x25519 share, default lists). */
    static ClientHello realClientHello() throws Exception {
        try (SecurityContext c = client()) {
            return parseClientHello(clientHelloRecord(c));
        }
    }

    static ClientHello withExtensions(ClientHello h, List<Extension> ext) {
        return new ClientHello(h.legacyVersion(), h.random(), h.legacySessionId(), h.cipherSuites(), h.compressionMethods(), ext);
    }

    /** The extensions of {@code h} with the one of {@code type} replaced (or removed when {@code with} is null). */
    static List<Extension> replace(List<Extension> ext, int type, Extension with) {
        List<Extension> out = new ArrayList<>();
        boolean found = false;
        for (Extension e : ext) {
            if (e.type() == type) {
                found = true;
                if (with != null) {
                    out.add(with);
                }
            } else {
                out.add(e);
            }
        }
        if (!found && with != null) {
            out.add(with);
        }
        return out;
    }

    static ServerHello withExtensions(ServerHello h, List<Extension> ext) {
        return new ServerHello(h.legacyVersion(), h.random(), h.legacySessionIdEcho(), h.cipherSuite(), h.compressionMethod(), ext);
    }

    // ------------------------------------------------------------------ assertions

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    /**
     * Runs {@code call}, which must throw a SecurityContextException with {@code expected}; anything else
     * (a result, another exception type) fails the test. The alert to send must be non-empty and, when
     * it is a plaintext alert record, must say exactly the expected alert.
     */
    static SecurityContextException expectFailure(Reason expected, Call call) {
        Object result;
        try {
            result = call.run();
        } catch (SecurityContextException e) {
            checkException(e, expected);
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected SecurityContextException(" + expected + ") but got " + t, t);
        }
        throw new AssertionError("expected SecurityContextException(" + expected + ") but the call returned " + result);
    }

    /** Like {@link #expectFailure} where the RFC leaves a choice between several alerts. */
    static SecurityContextException expectFailureOneOf(java.util.Set<Reason> allowed, Call call) {
        try {
            Object result = call.run();
            throw new AssertionError("expected SecurityContextException(" + allowed + ") but the call returned " + result);
        } catch (SecurityContextException e) {
            assertTrue(allowed.contains(e.reason()), () -> "reason " + e.reason() + " not in " + allowed + ": " + e.getMessage());
            checkException(e, e.reason());
            return e;
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("expected SecurityContextException(" + allowed + ") but got " + t, t);
        }
    }

    static void checkException(SecurityContextException e, Reason expected) {
        assertEquals(expected, e.reason(), () -> "wrong reason; message: " + e.getMessage());
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank(), "the exception needs a message");
        if (expected == Reason.PEER_ALERT || expected == Reason.INVALID_STATE) {
            return;
        }
        assertEquals(expected.alert(), e.alert());
        byte[] alert = e.alertToSend();
        assertTrue(alert.length > 0, "alertToSend() is empty for " + expected);
        if (alert[0] == ALERT) {
            assertArrayEquals(new byte[] {ALERT, 3, 3, 0, 2, 2, (byte) expected.alert().code()}, alert,
                    "plaintext alert record does not encode " + expected.alert());
        } else {
            assertEquals(APPDATA, alert[0], "an alert record is either plaintext (21) or protected (23)");
            assertEquals(5 + 2 + 1 + 16, alert.length, "a protected alert is header + 2 + type + tag");
        }
    }

    /** After a failure: step, encrypt and decrypt all throw INVALID_STATE (and nothing else). */
    static void assertDead(SecurityContext ctx) {
        expectFailure(Reason.INVALID_STATE, () -> ctx.step(ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 1, 1}), ByteBuffer.allocate(1024)));
        expectFailure(Reason.INVALID_STATE, () -> ctx.step(ByteBuffer.allocate(0), ByteBuffer.allocate(1024)));
        expectFailure(Reason.INVALID_STATE, () -> ctx.encrypt(ByteBuffer.wrap(new byte[10]), ByteBuffer.allocate(1024)));
        expectFailure(Reason.INVALID_STATE, () -> ctx.decrypt(ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 17}), ByteBuffer.allocate(1024)));
    }

    /** Feeds {@code input} with one step call; it must fail with {@code expected}; then the context is dead. */
    static SecurityContextException stepFails(SecurityContext ctx, byte[] input, Reason expected) {
        SecurityContextException e = expectFailure(expected, () -> {
            ByteBuffer in = ByteBuffer.wrap(input);
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            // Several calls: a context may answer CONTINUE_NEEDED with pending output before it reads on.
            Result r = null;
            for (int i = 0; i < 8; i++) {
                r = ctx.step(in, out);
                if (!in.hasRemaining() && !r.outputPending()) {
                    break;
                }
            }
            return r;
        });
        assertDead(ctx);
        return e;
    }

    /** Feeds {@code input} through decrypt; it must fail with {@code expected}; then the context is dead. */
    static SecurityContextException decryptFails(SecurityContext ctx, byte[] input, Reason expected) {
        SecurityContextException e = expectFailure(expected, () -> {
            ByteBuffer in = ByteBuffer.wrap(input);
            Result r = null;
            for (int i = 0; i < 8 && in.hasRemaining(); i++) {
                r = ctx.decrypt(in, ByteBuffer.allocate(64 * 1024));
            }
            return r;
        });
        assertDead(ctx);
        return e;
    }

    static byte[] hex(String s) {
        s = s.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
