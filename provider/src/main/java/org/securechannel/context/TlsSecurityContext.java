package org.securechannel.context;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.ContentType;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.Handshake;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.handshake.ClientVersionFront;
import org.securechannel.handshake.ServerVersionFront;
import org.securechannel.record.RawHandshake;
import org.securechannel.record.RecordLayer;
import org.securechannel.record.RecordLimits;
import org.securechannel.record.Tls12RecordProtection;
import org.securechannel.codec.ProtocolVersion;

/**
 * The security context engine: turns {@code step}/{@code encrypt}/{@code decrypt} calls into record-layer
 * and handshake work, with Schannel's statuses. Locks: {@code readLock} guards the inbound direction,
 * {@code writeLock} the outbound one; {@code step} and failures take both, always read before write.
 */
final class TlsSecurityContext extends SecurityContext {
    /** Output capacity {@code step} needs to make progress: any handshake fragment, alert or CCS fits. */
    static final int MIN_STEP_OUTPUT = 64;
    private static final int TAG_LENGTH = 16;

    private final boolean client;
    private final RecordLayer records = new RecordLayer();
    private final Handshake handshake;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    private boolean started;
    private volatile boolean established;
    private volatile boolean closed;
    private volatile SecurityContextException failure;
    private volatile boolean shutdownRequested;
    private volatile boolean peerClosed;
    /**
     * Whether a change_cipher_spec came since the last handshake message. RFC 8446 Appendix D.4 has a peer
     * send one compatibility CCS after its first message (SunJSSE sends one after a HelloRetryRequest and one
     * after the ServerHello), and TLS 1.2 one per direction: never two in a row. That ends a flood of them
     * (we accepted a million) without refusing a peer that sends one per flight.
     */
    private boolean changeCipherSpecSinceLastMessage;
    private final UselessRecordLimits useless = new UselessRecordLimits();
    private Credentials suppliedCredentials;
    /**
     * Message signatures, made on first use: most connections never sign, and an idle connection should not
     * carry a signer, a verifier and a replay window (about 250 bytes) it will not use. Guarded by itself.
     */
    private final Object messageLock = new Object();
    private MessageSigner signer;
    private MessageVerifier verifier;
    private final CryptoBackend crypto;
    private final LocalCertificates local = new LocalCertificates();
    private final MappingAuthenticator mapping;
    private final ConnectionDiagnostics diagnostics;

    TlsSecurityContext(Credentials credentials, String serverName) {
        this(credentials, serverName, 0, null);
    }

    /** A client for {@code serverName} at {@code port} (0: unknown), offering {@code saved} when not null. */
    TlsSecurityContext(Credentials credentials, String serverName, int port, org.securechannel.session.ClientSession saved) {
        this.client = credentials.role() == Credentials.Role.CLIENT;
        this.diagnostics = new ConnectionDiagnostics(credentials, serverName);
        var config = HandshakeConfigs.of(credentials, serverName, local, port, saved, diagnostics);
        this.mapping = config.peerAuthenticator() instanceof MappingAuthenticator m ? m : null;
        this.handshake = client ? new ClientVersionFront(config, records) : new ServerVersionFront(config, records);
        this.crypto = credentials.crypto();
    }

    private SignatureToken.KeySource messageKeys() {
        return label -> exportKeyingMaterial(label, new byte[0], SignatureToken.KEY_LENGTH);
    }

    private MessageSigner signer() throws SecurityContextException {
        synchronized (messageLock) {
            checkUsable();
            if (signer == null) {
                signer = new MessageSigner(crypto, messageKeys(), client);
            }
            return signer;
        }
    }

    private MessageVerifier verifier() {
        synchronized (messageLock) {
            if (verifier == null) {
                verifier = new MessageVerifier(crypto, messageKeys(), client);
            }
            return verifier;
        }
    }

    // ---------------------------------------------------------------- step

    @Override
    public Result step(ByteBuffer in, ByteBuffer out) throws SecurityContextException {
        synchronized (readLock) {
            synchronized (writeLock) {
                checkUsable();
                int inStart = in.position();
                int outStart = out.position();
                if (out.remaining() < MIN_STEP_OUTPUT) {
                    return new Result(Status.BUFFER_TOO_SMALL, 0, 0, MIN_STEP_OUTPUT, records.hasPendingOutput());
                }
                if (out.remaining() < records.minimumOutput()) {
                    // A whole record is queued that must leave whole (0-RTT data): no progress is possible here.
                    return new Result(Status.BUFFER_TOO_SMALL, 0, 0, records.minimumOutput(), true);
                }
                try {
                    Status status = doStep(in, out, inStart, outStart);
                    diagnostics.recordsWritten(out, outStart);
                    return result(status, in, out, inStart, outStart, 0);
                } catch (IncompleteInput e) {
                    return new Result(Status.INCOMPLETE_MESSAGE, 0, 0, e.missing, false);
                } catch (AlertException e) {
                    throw fail(e);
                } catch (RuntimeException e) {
                    throw fail(AlertException.internalError("internal failure: " + e, e));
                }
            }
        }
    }

    /** Thrown inside {@code doStep} when not a byte was consumed or produced and a record is incomplete. */
    private static final class IncompleteInput extends Exception {
        private static final long serialVersionUID = 1L;
        final int missing;

        IncompleteInput(int missing) {
            super(null, null, false, false);
            this.missing = missing;
        }
    }

    private Status doStep(ByteBuffer in, ByteBuffer out, int inStart, int outStart)
            throws AlertException, SecurityContextException, IncompleteInput {
        if (shutdownRequested) {
            records.sendCloseNotify();
            if (established) {
                // RFC 8446 §6.1: the peer may go on sending after our close_notify, and §4.6.1 lets tickets
                // come at any time. A ticket or KeyUpdate that decrypt answered RENEGOTIATE for is read here,
                // or decrypt would answer RENEGOTIATE for it forever. Nothing is sent back (§4.6.3 owes a
                // KeyUpdate reply only before our next application data).
                receiveBufferedMessages();
            }
            records.flush(out);
            return records.hasPendingOutput() ? Status.CONTINUE_NEEDED : Status.OK;
        }
        if (!started) {
            started = true;
            diagnostics.started();
            handshake.start();
        }
        if (handshake.awaitingCredentials()) {
            // Called again after INCOMPLETE_CREDENTIALS: with what the caller supplied, or without a certificate.
            Credentials c = suppliedCredentials;
            suppliedCredentials = null;
            handshake.resumeWithCredentials(c == null ? CertificateSelector.NONE : local.recording(HandshakeConfigs.selector(c)));
        }
        // Output first: the peer is waiting for it.
        if (records.hasPendingOutput()) {
            records.flush(out);
            if (records.hasPendingOutput()) {
                return Status.CONTINUE_NEEDED;
            }
        }
        while (true) {
            receiveBufferedMessages();
            if (handshake.awaitingCredentials()) {
                records.flush(out);
                return Status.INCOMPLETE_CREDENTIALS;
            }
            if (handshake.isComplete() && !established) {
                established = true;
                records.handshakeComplete();
                diagnostics.established(handshake.summary());
            }
            if (records.hasPendingOutput()) {
                records.flush(out);
                return established && !records.hasPendingOutput() ? Status.OK : Status.CONTINUE_NEEDED;
            }
            if (established) {
                return Status.OK;
            }
            int missing = records.missing(in);
            if (missing > 0) {
                if (in.position() != inStart || out.position() != outStart) {
                    return Status.CONTINUE_NEEDED;
                }
                throw new IncompleteInput(missing);
            }
            diagnostics.recordHeader(true, in);
            ByteBuffer content = records.readToScratch(in);
            if (records.lastRecordSkipped()) {
                continue; // 0-RTT data we did not accept (bounded by the skip budget)
            }
            switch (records.lastType()) {
                case HANDSHAKE -> records.addHandshakeFragment(content);
                case CHANGE_CIPHER_SPEC -> {
                    // RFC 8446 §5.1: nothing may come between the records of one handshake message.
                    if (!handshake.acceptsChangeCipherSpec() || records.hasHandshakeData()
                            || content.remaining() != 1 || content.get(0) != 1) {
                        throw AlertException.unexpectedMessage("change_cipher_spec is not acceptable here");
                    }
                    if (changeCipherSpecSinceLastMessage) {
                        throw AlertException.unexpectedMessage("two change_cipher_spec records without a handshake message between them");
                    }
                    changeCipherSpecSinceLastMessage = true;
                    handshake.receiveChangeCipherSpec();
                }
                case ALERT -> {
                    if (receiveAlert(content)) {
                        SecurityContextException e = SecurityContextException.fromPeer(AlertDescription.CLOSE_NOTIFY, 0);
                        failure = e;
                        throw e;
                    }
                }
                case APPLICATION_DATA -> {
                    if (records.hasHandshakeData()) {
                        throw AlertException.unexpectedMessage("application data inside a fragmented handshake message");
                    }
                    handshake.receiveEarlyData(content); // accepted 0-RTT data; anything else is unexpected_message
                }
                default -> throw AlertException.unexpectedMessage("unexpected record type");
            }
        }
    }

    /**
     * Hands every whole handshake message buffered so far to the handshake, unless it waits for credentials.
     * After the handshake these are post-handshake messages, and a flood of them is bounded.
     */
    private void receiveBufferedMessages() throws AlertException {
        RawHandshake message;
        while (!handshake.awaitingCredentials() && (message = records.nextHandshakeMessage()) != null) {
            if (established) {
                useless.postHandshakeMessage();
            }
            changeCipherSpecSinceLastMessage = false;
            diagnostics.received(message, established);
            handshake.receive(message);
        }
    }

    private Result result(Status status, ByteBuffer in, ByteBuffer out, int inStart, int outStart, int missing) {
        return new Result(status, in.position() - inStart, out.position() - outStart, missing, records.hasPendingOutput());
    }

    /**
     * An alert record (RFC 8446 §6): close_notify returns true; user_canceled is ignored (a close_notify
     * follows); every other alert is fatal, whatever its level.
     */
    private boolean receiveAlert(ByteBuffer content) throws AlertException, SecurityContextException {
        if (content.remaining() != 2) {
            throw AlertException.decodeError("alert record of " + content.remaining() + " bytes");
        }
        int level = content.get(content.position()) & 0xFF;
        int code = content.get(content.position() + 1) & 0xFF;
        if (level != 1 && level != 2) {
            throw AlertException.decodeError("alert level " + level);
        }
        AlertDescription alert = AlertDescription.of(code);
        if (alert == AlertDescription.CLOSE_NOTIFY) {
            peerClosed = true;
            return true;
        }
        if (alert == AlertDescription.USER_CANCELED) {
            useless.warningAlert();
            return false;
        }
        SecurityContextException e = SecurityContextException.fromPeer(alert, code);
        failure = e;
        diagnostics.failed(alert, e.getMessage(), false, !established);
        synchronized (writeLock) {
            handshake.destroy();
            records.destroy();
        }
        throw e;
    }

    /**
     * Bytes of records this context has queued and not yet written (a flight longer than the last step's output
     * buffer): the driver sizes its staging buffer by it instead of by the largest record there could be.
     */
    int pendingOutputBytes() {
        synchronized (writeLock) {
            return records.pendingOutputBytes();
        }
    }

    // ---------------------------------------------------------------- messages

    @Override
    public Result encrypt(ByteBuffer plain, ByteBuffer out) throws SecurityContextException {
        synchronized (writeLock) {
            checkUsable();
            if (!established || records.closeNotifyQueued()) {
                throw SecurityContextException.invalidState(established ? "encrypt after shutdown" : "encrypt before the handshake completed");
            }
            int plainStart = plain.position();
            int outStart = out.position();
            try {
                if (records.hasPendingOutput()) {
                    // A KeyUpdate owed to the peer leaves before any data under the new keys.
                    if (out.remaining() < records.minimumOutput()) {
                        return new Result(Status.BUFFER_TOO_SMALL, 0, 0, records.minimumOutput(), true);
                    }
                    records.flush(out);
                    if (records.hasPendingOutput()) {
                        return new Result(Status.OK, 0, out.position() - outStart, 0, true);
                    }
                }
                records.encrypt(plain, out);
                if (plain.position() == plainStart && plain.hasRemaining() && out.position() == outStart) {
                    int needed = Math.min(plain.remaining(), RecordLimits.MAX_PLAINTEXT) + records.writeOverhead();
                    return new Result(Status.BUFFER_TOO_SMALL, 0, 0, needed, false);
                }
                if (records.writeKeyNearLimit()) {
                    updateKeysAtLimit();
                }
                return new Result(Status.OK, plain.position() - plainStart, out.position() - outStart, 0, records.hasPendingOutput());
            } catch (AlertException e) {
                throw failFromWriter(e);
            } catch (RuntimeException e) {
                throw failFromWriter(AlertException.internalError("internal failure: " + e, e));
            }
        }
    }

    /**
     * The write key neared its usage limit: a KeyUpdate goes out. Its own method so that encrypt, the hot path,
     * stays as small as it was (a larger body changed C2's inlining and cost 32 B per record in JMH's gc profile).
     */
    private void updateKeysAtLimit() throws AlertException {
        diagnostics.keyUpdate("sent", "key-usage limit", false);
        handshake.sendKeyUpdate(false);
    }

    @Override
    public Result decrypt(ByteBuffer in, ByteBuffer plainOut) throws SecurityContextException {
        synchronized (readLock) {
            checkUsable();
            if (!established) {
                throw SecurityContextException.invalidState("decrypt before the handshake completed");
            }
            int inStart = in.position();
            int outStart = plainOut.position();
            try {
                if (peerClosed) {
                    return new Result(Status.CONTEXT_EXPIRED, 0, 0, 0, false);
                }
                if (records.hasCompleteHandshakeMessage()) {
                    // RENEGOTIATE was ignored: what follows may be under keys only step can install.
                    return new Result(Status.RENEGOTIATE, 0, 0, 0, false);
                }
                while (true) {
                    boolean progress = in.position() != inStart;
                    int missing = records.missing(in);
                    if (missing > 0) {
                        return progress ? decryptResult(Status.OK, in, plainOut, inStart, outStart)
                                : new Result(Status.INCOMPLETE_MESSAGE, 0, 0, missing, false);
                    }
                    int at = plainOut.position();
                    ContentType type;
                    if (plainOut.remaining() >= records.maxContentLength(in)) {
                        type = records.read(in, plainOut);
                    } else {
                        // The inner type byte and padding count against the room above; the content itself
                        // may still fit: open into scratch, and put the record back if it does not.
                        int recordStart = in.position();
                        ByteBuffer content = records.readToScratch(in);
                        type = records.lastType();
                        if (content.remaining() > plainOut.remaining()) {
                            records.unread(in, recordStart);
                            return progress ? decryptResult(Status.OK, in, plainOut, inStart, outStart)
                                    : new Result(Status.BUFFER_TOO_SMALL, 0, 0, content.remaining(), false);
                        }
                        plainOut.put(content);
                    }
                    if (type == ContentType.APPLICATION_DATA) {
                        if (records.hasHandshakeData()) {
                            // RFC 8446 §5.1: a handshake message's records must not be interleaved with others.
                            throw AlertException.unexpectedMessage("application data inside a fragmented handshake message");
                        }
                        useless.applicationData(plainOut.position() - at);
                        continue;
                    }
                    // Not data for the caller: take the content back out of their buffer.
                    ByteBuffer content = plainOut.duplicate();
                    content.limit(plainOut.position()).position(at);
                    plainOut.position(at);
                    switch (type) {
                        case HANDSHAKE -> {
                            records.addHandshakeFragment(content);
                            wipe(plainOut, at, content.limit());
                            return decryptResult(Status.RENEGOTIATE, in, plainOut, inStart, outStart);
                        }
                        case ALERT -> {
                            if (receiveAlert(content)) {
                                return decryptResult(Status.CONTEXT_EXPIRED, in, plainOut, inStart, outStart);
                            }
                        }
                        default -> throw AlertException.unexpectedMessage(type + " record after the handshake");
                    }
                }
            } catch (AlertException e) {
                throw fail(e);
            } catch (RuntimeException e) {
                throw fail(AlertException.internalError("internal failure: " + e, e));
            }
        }
    }

    @Override
    public void processPostHandshake() throws SecurityContextException {
        synchronized (readLock) {
            synchronized (writeLock) {
                checkUsable();
                if (!established) {
                    throw SecurityContextException.invalidState("post-handshake messages come after the handshake completed");
                }
                try {
                    receiveBufferedMessages();
                } catch (AlertException e) {
                    throw fail(e);
                } catch (RuntimeException e) {
                    throw fail(AlertException.internalError("internal failure: " + e, e));
                }
            }
        }
    }

    private static void wipe(ByteBuffer b, int from, int to) {
        for (int i = from; i < to; i++) {
            b.put(i, (byte) 0);
        }
    }

    private Result decryptResult(Status status, ByteBuffer in, ByteBuffer out, int inStart, int outStart) {
        return new Result(status, in.position() - inStart, out.position() - outStart, 0, false);
    }

    // ---------------------------------------------------------------- control

    @Override
    public void shutdown() {
        shutdownRequested = true;
    }

    @Override
    public void requestKeyUpdate(boolean askPeerToUpdate) throws SecurityContextException {
        synchronized (writeLock) {
            checkUsable();
            if (!established || records.closeNotifyQueued()) {
                // RFC 8446 §6.1: nothing follows close_notify.
                throw SecurityContextException.invalidState(established
                        ? "KeyUpdate after shutdown" : "KeyUpdate before the handshake completed");
            }
            if (handshake.summary().version() == ProtocolVersion.TLS12) {
                throw SecurityContextException.invalidState("TLS 1.2 has no KeyUpdate (and renegotiation is refused)");
            }
            try {
                diagnostics.keyUpdate("sent", "application", askPeerToUpdate);
                handshake.sendKeyUpdate(askPeerToUpdate);
            } catch (AlertException e) {
                throw failFromWriter(e);
            }
        }
    }

    @Override
    public void supplyCredentials(Credentials credentials) throws SecurityContextException {
        synchronized (readLock) {
            synchronized (writeLock) {
                checkUsable();
                if (!handshake.awaitingCredentials()) {
                    throw SecurityContextException.invalidState("credentials are only supplied after INCOMPLETE_CREDENTIALS");
                }
                suppliedCredentials = credentials;
            }
        }
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return handshake.acceptableIssuers();
    }

    private void checkUsable() throws SecurityContextException {
        if (closed) {
            throw SecurityContextException.invalidState("the security context is closed");
        }
        SecurityContextException f = failure;
        if (f != null) {
            throw SecurityContextException.invalidState("the security context failed earlier: " + f.getMessage());
        }
    }

    /**
     * A fatal error we detected: the pending flight is dropped, the alert is sealed under the current write
     * keys and handed to the caller in the exception; the context is unusable from now on.
     */
    private SecurityContextException fail(AlertException e) {
        synchronized (writeLock) {
            return failFromWriter(e);
        }
    }

    private SecurityContextException failFromWriter(AlertException e) {
        byte[] alertRecord;
        try {
            alertRecord = records.sealAlertNow(e.alert().code());
        } catch (AlertException | RuntimeException sealFailure) {
            alertRecord = new byte[0];
        }
        SecurityContextException failed = new SecurityContextException(Reason.of(e.alert()),
                e.getMessage() + " (" + e.alert().rfcName() + ")", alertRecord, e);
        failure = failed;
        diagnostics.failed(e.alert(), e.getMessage(), true, !established);
        handshake.destroy();
        records.destroy();
        return failed;
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public boolean isClient() {
        return client;
    }

    @Override
    public boolean isEstablished() {
        return established && !closed && failure == null;
    }

    /**
     * TLS 1.3: a 5-byte header, then the inner type and the tag after the data. TLS 1.2: AES-GCM's explicit
     * nonce counts as header (13 bytes, as Schannel reports it), the tag as trailer, and a peer's record may
     * carry up to 2^14 + 2048 bytes (RFC 5246 §6.2.3). Before the handshake completes, TLS 1.3's figures.
     */
    @Override
    public StreamSizes streamSizes() {
        HandshakeSummary s = established ? handshake.summary() : null;
        if (s != null && s.version() == ProtocolVersion.TLS12) {
            int explicitNonce = s.suite().aead() == org.securechannel.codec.CipherSuite.Aead.CHACHA20_POLY1305 ? 0 : 8;
            return new StreamSizes(RecordLimits.HEADER_LENGTH + explicitNonce, TAG_LENGTH, RecordLimits.MAX_PLAINTEXT,
                    RecordLimits.HEADER_LENGTH + Tls12RecordProtection.MAX_CIPHERTEXT);
        }
        return new StreamSizes(RecordLimits.HEADER_LENGTH, 1 + TAG_LENGTH, RecordLimits.MAX_PLAINTEXT, RecordLimits.MAX_RECORD);
    }

    @Override
    public ConnectionInfo connectionInfo() throws SecurityContextException {
        HandshakeSummary s = establishedSummary();
        byte[] sessionId = s.version() == ProtocolVersion.TLS12 ? s.sessionId() : null;
        return new ConnectionInfo(s.version(), s.suite(), s.group(), s.serverScheme(), s.clientScheme(), s.helloRetryRequest(),
                s.resumed(), sessionId);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return handshake.summary().peerChain();
    }

    @Override
    public Optional<String> applicationProtocol() {
        return established ? Optional.ofNullable(handshake.summary().applicationProtocol()) : Optional.empty();
    }

    @Override
    public Optional<String> handshakeApplicationProtocol() {
        // Both locks, read before write: the fields are the handshake's, written inside step (which holds
        // both). Monitors are reentrant, so callbacks running inside step may ask too.
        synchronized (readLock) {
            synchronized (writeLock) {
                if (!handshake.applicationProtocolDecided()) {
                    return Optional.empty();
                }
                String p = handshake.summary().applicationProtocol();
                return Optional.of(p == null ? "" : p);
            }
        }
    }

    @Override
    public Optional<org.securechannel.codec.CipherSuite> handshakeCipherSuite() {
        synchronized (readLock) {
            synchronized (writeLock) {
                return Optional.ofNullable(handshake.summary().suite());
            }
        }
    }

    /** The SNI host name the client asked for (server side) or sent (client side). */
    public Optional<String> serverName() {
        return Optional.ofNullable(handshake.summary().serverName());
    }

    /** How many session tickets the server sent (kept for resumption). */
    public int ticketsReceived() {
        return handshake.ticketsReceived();
    }

    @Override
    public void offerEarlyData(byte[] data) throws SecurityContextException {
        java.util.Objects.requireNonNull(data, "data");
        synchronized (readLock) {
            synchronized (writeLock) {
                checkUsable();
                if (!client || started) {
                    throw SecurityContextException.invalidState("early data is given to a client context before its first step");
                }
                handshake.offerEarlyData(data);
            }
        }
    }

    @Override
    public org.securechannel.session.EarlyDataStatus earlyDataStatus() {
        synchronized (readLock) {
            synchronized (writeLock) {
                return handshake.earlyDataStatus();
            }
        }
    }

    @Override
    public byte[] takeEarlyData() throws SecurityContextException {
        synchronized (readLock) {
            checkUsable();
            return handshake.takeEarlyData();
        }
    }

    @Override
    public byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) throws SecurityContextException {
        synchronized (readLock) {
            synchronized (writeLock) {
                checkUsable();
                try {
                    return handshake.exportEarlyKeyingMaterial(label, context, length);
                } catch (AlertException | RuntimeException e) {
                    throw SecurityContextException.invalidState("cannot export early keying material: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws SecurityContextException {
        synchronized (readLock) {
            establishedSummary();
            try {
                return handshake.exportKeyingMaterial(label, context, length);
            } catch (AlertException | RuntimeException e) {
                throw new SecurityContextException(Reason.INTERNAL_ERROR, "cannot export keying material: " + e.getMessage(), null, e);
            }
        }
    }

    private HandshakeSummary establishedSummary() throws SecurityContextException {
        checkUsable();
        if (!established) {
            throw SecurityContextException.invalidState("the handshake has not completed");
        }
        return handshake.summary();
    }

    // ---------------------------------------------------------------- message signatures

    @Override
    public byte[] makeSignature(byte[] message) throws SecurityContextException {
        checkUsable();
        return signer().sign(java.util.Objects.requireNonNull(message, "message"));
    }

    @Override
    public void verifySignature(byte[] message, byte[] token) throws SecurityContextException {
        checkUsable();
        verifier().verify(java.util.Objects.requireNonNull(message, "message"), token);
    }

    @Override
    public void verifyWindow(int size) {
        verifier().window(size);
    }

    // ---------------------------------------------------------------- identity

    @Override
    public Optional<javax.security.auth.Subject> mappedSubject() {
        return isEstablished() && mapping != null ? mapping.subject() : Optional.empty();
    }

    @Override
    public <T> T impersonate(java.security.PrivilegedExceptionAction<T> action) throws Exception {
        java.util.Objects.requireNonNull(action, "action");
        Optional<javax.security.auth.Subject> subject = mappedSubject();
        if (subject.isEmpty()) {
            String why = client ? "a client context has no client to impersonate"
                    : !isEstablished() ? (closed ? "the security context is closed" : "the handshake has not completed")
                    : mapping == null ? "the server credentials have no CertificateMapper" : mapping.whyNone();
            throw new SecurityContextException(Reason.NO_IMPERSONATION, "cannot impersonate: " + why, null, null);
        }
        return Impersonation.run(subject.get(), action);
    }

    @Override
    public List<X509Certificate> localCertificates() {
        return local.chain();
    }

    @Override
    public void close() {
        synchronized (readLock) {
            synchronized (writeLock) {
                if (closed) {
                    return;
                }
                closed = true;
                handshake.destroy();
                records.destroy();
            }
        }
        synchronized (messageLock) {
            if (signer != null) {
                signer.destroy();
            }
            if (verifier != null) {
                verifier.destroy();
            }
        }
    }
}
