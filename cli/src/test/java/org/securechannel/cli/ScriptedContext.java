package org.securechannel.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.context.ConnectionInfo;
import org.securechannel.context.Credentials;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.Status;
import org.securechannel.context.StreamSizes;

/**
 * A stand-in for the engine that speaks a toy record format ([type][length:2][payload], no crypto) but
 * follows the SecurityContext contract, and deliberately takes the awkward paths: a first flight that needs
 * a bigger buffer, output pending, a partial record, application data glued to the last handshake
 * flight, INCOMPLETE_CREDENTIALS, a post-handshake message (RENEGOTIATE) and close_notify. It lets the
 * token loop in ContextStream be tested before the real engine exists.
 */
final class ScriptedContext extends SecurityContext {
    static final int HANDSHAKE = 22;
    static final int APPLICATION = 23;
    static final int ALERT = 21;
    static final int POST_HANDSHAKE = 24;
    static final int ACK = 25;
    static final String EARLY = "data glued to the last flight";
    static final int FIRST_FLIGHT_BUFFER = 20_000;

    private final boolean client;
    private int state;
    private boolean established;
    private boolean shutdown;
    private boolean keyUpdateQueued;
    private boolean ackOwed;
    int credentialsSupplied;
    int postHandshakeAnswered;

    ScriptedContext(boolean client) {
        this.client = client;
    }

    @Override
    public synchronized Result step(ByteBuffer in, ByteBuffer out) {
        if (established) {
            if (shutdown) {
                shutdown = false;
                return result(Status.OK, 0, out, record(out, ALERT, "close_notify"), false);
            }
            if (ackOwed) {
                ackOwed = false;
                postHandshakeAnswered++;
                return result(Status.OK, 0, out, record(out, ACK, "ack"), false);
            }
            return result(Status.OK, 0, out, 0, false);
        }
        return client ? clientStep(in, out) : serverStep(in, out);
    }

    private Result clientStep(ByteBuffer in, ByteBuffer out) {
        switch (state) {
            case 0:
                if (out.remaining() < FIRST_FLIGHT_BUFFER) {
                    return new Result(Status.BUFFER_TOO_SMALL, 0, 0, FIRST_FLIGHT_BUFFER, false);
                }
                state = 1;
                return result(Status.CONTINUE_NEEDED, 0, out, record(out, HANDSHAKE, "hello-1"), true);
            case 1:
                state = 2;
                return result(Status.CONTINUE_NEEDED, 0, out, record(out, HANDSHAKE, "hello-2"), false);
            case 2: {
                int before = in.position();
                String m = take(in, HANDSHAKE);
                if (m == null) {
                    return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, missing(in), false);
                }
                state = 3;
                return new Result(Status.INCOMPLETE_CREDENTIALS, in.position() - before, 0, 0, false);
            }
            case 3: {
                if (credentialsSupplied == 0) {
                    return new Result(Status.INCOMPLETE_CREDENTIALS, 0, 0, 0, false);
                }
                int before = in.position();
                if (take(in, HANDSHAKE) == null) {
                    return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, missing(in), false);
                }
                established = true;
                // The application record behind server-finished stays in `in`: the "extra" of Schannel.
                return result(Status.OK, in.position() - before, out, record(out, HANDSHAKE, "finished"), false);
            }
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    private Result serverStep(ByteBuffer in, ByteBuffer out) {
        int before = in.position();
        String m = take(in, HANDSHAKE);
        if (m == null) {
            return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, missing(in), false);
        }
        int consumed = in.position() - before;
        switch (state) {
            case 0:
                state = 1;
                return new Result(Status.CONTINUE_NEEDED, consumed, 0, 0, false);
            case 1: {
                established = true;
                // One write holds the rest of the handshake and the first application record.
                int n = record(out, HANDSHAKE, "server-hello") + record(out, HANDSHAKE, "server-finished")
                        + record(out, APPLICATION, EARLY);
                return result(Status.OK, consumed, out, n, false);
            }
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    @Override
    public synchronized Result encrypt(ByteBuffer plain, ByteBuffer out) {
        int produced = 0;
        if (keyUpdateQueued) {
            keyUpdateQueued = false;
            produced += record(out, POST_HANDSHAKE, "key-update");
        }
        int before = plain.position();
        while (plain.hasRemaining() && out.remaining() >= 3 + Math.min(plain.remaining(), 16384)) {
            int n = Math.min(plain.remaining(), 16384);
            out.put((byte) APPLICATION).putShort((short) n);
            for (int i = 0; i < n; i++) {
                out.put(plain.get());
            }
            produced += 3 + n;
        }
        if (produced == 0 && plain.hasRemaining()) {
            return new Result(Status.BUFFER_TOO_SMALL, 0, 0, 3 + Math.min(plain.remaining(), 16384), false);
        }
        return new Result(Status.OK, plain.position() - before, produced, 0, false);
    }

    @Override
    public synchronized Result decrypt(ByteBuffer in, ByteBuffer plainOut) {
        if (in.remaining() < 3 || in.remaining() < 3 + (in.getShort(in.position() + 1) & 0xffff)) {
            return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, missing(in), false);
        }
        int type = in.get(in.position());
        int length = in.getShort(in.position() + 1) & 0xffff;
        if (type == APPLICATION && plainOut.remaining() < length) {
            return new Result(Status.BUFFER_TOO_SMALL, 0, 0, length, false);
        }
        in.position(in.position() + 3);
        byte[] payload = new byte[length];
        in.get(payload);
        switch (type) {
            case APPLICATION:
                plainOut.put(payload);
                return new Result(Status.OK, 3 + length, length, 0, false);
            case ALERT:
                return new Result(Status.CONTEXT_EXPIRED, 3 + length, 0, 0, false);
            case POST_HANDSHAKE:
                ackOwed = true;
                return new Result(Status.RENEGOTIATE, 3 + length, 0, 0, false);
            case ACK:
            case HANDSHAKE: // the client's last flight, after the (toy) server considered itself done
                return new Result(Status.OK, 3 + length, 0, 0, false);
            default:
                throw new IllegalStateException("record type " + type + " after the handshake");
        }
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized void requestKeyUpdate(boolean askPeerToUpdate) {
        keyUpdateQueued = true;
    }

    @Override
    public synchronized void supplyCredentials(Credentials credentials) {
        credentialsSupplied++;
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return List.of();
    }

    @Override
    public boolean isClient() {
        return client;
    }

    @Override
    public synchronized boolean isEstablished() {
        return established;
    }

    @Override
    public StreamSizes streamSizes() {
        return new StreamSizes(3, 0, 16384, 3 + 16384);
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo(ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519,
                SignatureScheme.ECDSA_SECP256R1_SHA256, null, false);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return List.of();
    }

    @Override
    public Optional<String> applicationProtocol() {
        return Optional.empty();
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        return new byte[length];
    }

    @Override
    public void close() {
    }

    private static int record(ByteBuffer out, int type, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
        out.put((byte) type).putShort((short) p.length).put(p);
        return 3 + p.length;
    }

    /** The payload of the next whole record of {@code type}, or null (nothing consumed) when it is incomplete. */
    private static String take(ByteBuffer in, int type) {
        if (in.remaining() < 3 || in.remaining() < 3 + (in.getShort(in.position() + 1) & 0xffff)) {
            return null;
        }
        if (in.get(in.position()) != type) {
            throw new IllegalStateException("expected record type " + type);
        }
        in.get();
        byte[] p = new byte[in.getShort() & 0xffff];
        in.get(p);
        return new String(p, StandardCharsets.US_ASCII);
    }

    private static int missing(ByteBuffer in) {
        if (in.remaining() < 3) {
            return 3 - in.remaining();
        }
        return 3 + (in.getShort(in.position() + 1) & 0xffff) - in.remaining();
    }

    private static Result result(Status status, int consumed, ByteBuffer out, int produced, boolean pending) {
        return new Result(status, consumed, produced, 0, pending);
    }
}
