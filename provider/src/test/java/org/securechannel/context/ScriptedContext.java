package org.securechannel.context;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * A context that answers each call with the next scripted answer, for the driver's rules that a real peer
 * rarely or never provokes (a step without progress, RENEGOTIATE forever, a context asking again and again).
 * An answer consumes and produces the bytes its Result says, so buffer positions stay consistent.
 */
final class ScriptedContext extends SecurityContext {
    /** One scripted answer: a Result to return, or an exception to throw. */
    record Answer(Result result, SecurityContextException failure) {
    }

    final Deque<Answer> steps = new ArrayDeque<>();
    final Deque<Answer> decrypts = new ArrayDeque<>();
    int credentialsSupplied;
    int keyUpdatesRequested;
    boolean established;
    boolean shutdown;
    ProtocolVersion version = ProtocolVersion.TLS13;

    static Answer answer(Status status, int consumed, int produced, boolean pending) {
        return new Answer(new Result(status, consumed, produced, status == Status.INCOMPLETE_MESSAGE ? 5 : 0, pending), null);
    }

    static Answer failure(SecurityContextException e) {
        return new Answer(null, e);
    }

    private static Result play(Deque<Answer> script, ByteBuffer in, ByteBuffer out, String what) throws SecurityContextException {
        Answer a = script.poll();
        if (a == null) {
            throw new AssertionError("no " + what + " scripted");
        }
        if (a.failure() != null) {
            throw a.failure();
        }
        Result r = a.result();
        in.position(in.position() + r.bytesConsumed());
        for (int i = 0; i < r.bytesProduced(); i++) {
            out.put((byte) 0x17);
        }
        return r;
    }

    @Override
    public Result step(ByteBuffer in, ByteBuffer out) throws SecurityContextException {
        Result r = play(steps, in, out, "step");
        if (r.status() == Status.OK) {
            established = true;
        }
        return r;
    }

    @Override
    public Result encrypt(ByteBuffer plain, ByteBuffer out) {
        int n = plain.remaining();
        plain.position(plain.limit());
        for (int i = 0; i < n + 5; i++) {
            out.put((byte) 0x17);
        }
        return new Result(Status.OK, n, n + 5, 0, false);
    }

    @Override
    public Result decrypt(ByteBuffer in, ByteBuffer plainOut) throws SecurityContextException {
        return play(decrypts, in, plainOut, "decrypt");
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public void requestKeyUpdate(boolean askPeerToUpdate) {
        keyUpdatesRequested++;
    }

    @Override
    public void supplyCredentials(Credentials credentials) {
        credentialsSupplied++;
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return List.of();
    }

    @Override
    public boolean isClient() {
        return true;
    }

    @Override
    public boolean isEstablished() {
        return established;
    }

    @Override
    public StreamSizes streamSizes() {
        return new StreamSizes(5, 0, 16384, 5 + 16384);
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return new ConnectionInfo(version, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519,
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
}
